using System.Net;

namespace FakeShop.Web.Tests;

/// <summary>Issue 14: Secure cookies behind an HTTPS proxy, no-store on personal pages, a body on the cross-site 403.</summary>
public sealed class HardeningTests(WebFixture app) : WebTest(app)
{
    private HttpClient RawClient() => App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    private static HttpRequestMessage Request(HttpMethod method, string path, bool https, IDictionary<string, string>? form = null)
    {
        var request = new HttpRequestMessage(method, path);
        // The test client plays the trusted proxy (ShopFactory trusts it) that terminated TLS.
        request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        if (https)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return request;
    }

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_cookie_is_secure_exactly_when_the_request_came_over_https(bool https)
    {
        using var http = RawClient();
        var cookies = new List<string>();

        using (var login = await http.SendAsync(Request(HttpMethod.Get, "/Account/Login", https)))
        {
            cookies.AddRange(SetCookies(login)); // antiforgery
        }

        var productId = (await ProductId("webcam-4k-ultra")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var add = await http.SendAsync(Request(HttpMethod.Post, "/cart/add", https,
            new Dictionary<string, string> { ["productId"] = productId, ["quantity"] = "1", ["returnUrl"] = "/shop" })))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
            cookies.AddRange(SetCookies(add)); // visitor, flash, cart count
        }

        using (var culture = await http.SendAsync(Request(HttpMethod.Post, "/Culture", https,
            new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" })))
        {
            cookies.AddRange(SetCookies(culture));
        }

        var names = cookies.Select(c => c.Split('=')[0]).ToHashSet();
        foreach (var expected in new[] { "fs_af", "fs_flash", "fs_visitor", "fs_cart", "fs_culture" })
        {
            Assert.True(names.Any(n => n.StartsWith(expected, StringComparison.Ordinal)), $"no {expected} cookie among {string.Join(", ", names)}");
        }

        Assert.All(cookies, c => Assert.Equal(https, c.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("/cart")]
    [InlineData("/checkout")]
    [InlineData("/orders")]
    [InlineData("/Account/Login")]
    public async Task Personal_pages_are_never_stored(string path)
    {
        using var http = RawClient();
        using var response = await http.SendAsync(Request(HttpMethod.Get, path, https: false));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Catalogue_pages_are_not_marked_no_store()
    {
        using var http = RawClient();
        using var response = await http.SendAsync(Request(HttpMethod.Get, "/shop", https: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("pt-BR", "Acesso negado")]
    [InlineData("en", "Access denied")]
    public async Task A_cross_site_post_gets_the_friendly_403_page_in_the_visitors_language(string language, string title)
    {
        using var http = RawClient();
        var productId = (await ProductId("webcam-4k-ultra")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = Request(HttpMethod.Post, "/cart/add", https: false,
            new Dictionary<string, string> { ["productId"] = productId, ["quantity"] = "1" });
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Accept-Language", language);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"status-title\"", body, StringComparison.Ordinal);
        Assert.Contains(title, body, StringComparison.Ordinal);
    }
}
