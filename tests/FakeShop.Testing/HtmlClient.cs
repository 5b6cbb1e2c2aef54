using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FakeShop.Testing;

/// <summary>
/// A browser-like client over the test server: it keeps cookies, parses pages with AngleSharp and submits real forms
/// (hidden antiforgery token included), so functional tests exercise exactly what a person's browser would send.
/// </summary>
public sealed class HtmlClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public HttpResponseMessage? LastResponse { get; private set; }

    public async Task<IHtmlDocument> GetAsync(string url)
    {
        LastResponse = await Http.GetAsync(url);
        return await ParseAsync(LastResponse);
    }

    /// <summary>Submits a form found by CSS selector, overriding some fields; follows the redirect like a browser.</summary>
    public async Task<IHtmlDocument> SubmitAsync(IHtmlDocument page, string formSelector, IDictionary<string, string>? values = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
        var fields = FormFields(form);
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == key);
            fields.Add(new(key, value));
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : new Uri(page.Url).PathAndQuery;
        return await PostAsync(action, fields);
    }

    public async Task<IHtmlDocument> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        LastResponse = await Http.PostAsync(url, new FormUrlEncodedContent(fields));
        return await ParseAsync(LastResponse);
    }

    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "checkbox" or "radio" or "file"):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is "checkbox" or "radio" && input.IsChecked:
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
            }
        }

        return fields;
    }

    public HttpStatusCode Status => LastResponse?.StatusCode ?? 0;

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var url = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        return (IHtmlDocument)await context.OpenAsync(r => r.Content(html).Address(url));
    }
}
