using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FakeShop.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Web.Tests;

/// <summary>Base for page tests: a clean, freshly seeded database per test and helpers that act like a shopper.</summary>
[Collection(WebCollection.Name)]
public abstract class WebTest(WebFixture app) : IAsyncLifetime
{
    /// <summary>pt-BR writes "R$" and the amount with a non-breaking space between them.</summary>
    protected const char Nbsp = '\u00A0';

    protected WebFixture App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected HtmlClient NewVisitor(bool followRedirects = true) => App.NewVisitor(followRedirects);

    /// <summary>A visitor whose cookie jar the test can tamper with.</summary>
    protected (HtmlClient Visitor, CookieContainer Jar) NewVisitorWithJar()
    {
        var jar = new CookieContainer();
        var http = App.Factory.CreateDefaultClient(new Uri("http://localhost"), new RedirectHandler(), new CookieContainerHandler(jar));
        return (new HtmlClient(http), jar);
    }

    protected Task<int> ProductId(string slug) =>
        App.Factory.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    protected Task<int> Stock(string slug) =>
        App.Factory.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());

    /// <summary>
    /// Orders that were placed. Issue 12: an order is written before its payment, so a refused payment leaves a
    /// PaymentFailed order behind; it is not an order the customer placed and is not counted.
    /// </summary>
    protected Task<int> OrderCount() => App.Factory.WithDbAsync(db => db.Orders.CountAsync(o => o.Status != FakeShop.Domain.Ordering.OrderStatus.PaymentFailed));

    /// <summary>Submits a method="get" form as a browser does: its fields become the query string of its action.</summary>
    protected static Task<IHtmlDocument> SubmitGetAsync(HtmlClient visitor, IHtmlDocument page, string formSelector, IDictionary<string, string> values)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new Xunit.Sdk.XunitException($"No form '{formSelector}'.");
        Assert.Equal("get", form.Method, StringComparer.OrdinalIgnoreCase);
        var fields = HtmlClient.FormFields(form).Where(f => !values.ContainsKey(f.Key)).Concat(values)
            .Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value));
        return visitor.GetAsync(form.GetAttribute("action") + "?" + string.Join("&", fields));
    }

    /// <summary>Opens the product page and submits its add-to-cart form.</summary>
    protected static async Task<IHtmlDocument> AddFromProductPage(HtmlClient visitor, string slug, string quantity = "1")
    {
        var page = await visitor.GetAsync($"/product/{slug}");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        return await visitor.SubmitAsync(page, "#add-to-cart", new Dictionary<string, string> { ["quantity"] = quantity });
    }

    protected static int CartCount(IHtmlDocument page) => int.Parse(Text(page, "#cart-count"), System.Globalization.CultureInfo.InvariantCulture);

    protected static string Text(IParentNode page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No '{selector}' on the page.");

    protected static string Antiforgery(IHtmlDocument page) =>
        page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
        ?? throw new Xunit.Sdk.XunitException("No antiforgery token on the page.");

    protected static Task<string> BodyAsync(HtmlClient visitor) => visitor.LastResponse!.Content.ReadAsStringAsync();

    protected static string PathOf(HtmlClient visitor) => visitor.LastResponse!.RequestMessage!.RequestUri!.PathAndQuery;

    /// <summary>The checkout form as a careful customer fills it in.</summary>
    protected static Dictionary<string, string> CheckoutValues(string card = CheckoutForm.ApprovedCard, string cvv = "123") =>
        CheckoutForm.Values(card, cvv);
}
