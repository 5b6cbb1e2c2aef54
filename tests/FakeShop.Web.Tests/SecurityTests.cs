using System.Net;

namespace FakeShop.Web.Tests;

/// <summary>
/// Cross-cutting protections: antiforgery on every form post except the two forms of the cached public pages (add to
/// cart, language; refused cross-site instead, see AddToCartEndpointTests and PageCacheTests), and the security
/// headers on every response.
/// </summary>
public sealed class SecurityTests(WebFixture app) : WebTest(app)
{
    [Theory]
    [InlineData("/cart?handler=Update")]
    [InlineData("/cart?handler=Remove")]
    [InlineData("/cart?handler=Clear")]
    [InlineData("/checkout")]
    public async Task A_post_without_antiforgery_token_is_a_400(string url)
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "1"); // the visitor has cookies, just no token in the post

        var page = await visitor.PostAsync(url, [new("productId", (await ProductId("ring-light-18")).ToString()), new("quantity", "1"), new("lineId", "1"), new("culture", "en")]);

        Assert.Equal(HttpStatusCode.BadRequest, visitor.Status);
        Assert.Equal("Requisição inválida", Text(page, "#status-title"));
        Assert.Equal(1, CartCount(await visitor.GetAsync("/cart")));
    }

    [Fact]
    public async Task A_token_from_another_visitor_is_refused()
    {
        var alice = NewVisitor();
        var token = await AddToCartEndpointTests.AntiforgeryFromLoginPage(alice);
        var bob = NewVisitor();
        await AddFromProductPage(bob, "webcam-4k-ultra", "1");
        await AddToCartEndpointTests.AntiforgeryFromLoginPage(bob); // Bob's own antiforgery cookie

        await bob.PostAsync("/cart?handler=Clear", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.BadRequest, bob.Status);
        Assert.Equal(1, CartCount(await bob.GetAsync("/cart")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/shop?q=x")]
    [InlineData("/product/webcam-4k-ultra")]
    [InlineData("/cart")]
    [InlineData("/orders")]
    [InlineData("/product/nope")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var visitor = NewVisitor();
        await visitor.GetAsync(url);
        var headers = visitor.LastResponse!.Headers;

        var csp = Assert.Single(headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Pages_need_no_inline_script_or_style()
    {
        // The CSP forbids them, so any inline script or style attribute would be a broken feature.
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "1");
        foreach (var url in new[] { "/", "/shop", "/product/webcam-4k-ultra", "/cart", "/checkout", "/orders" })
        {
            var page = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, visitor.Status);
            Assert.Empty(page.QuerySelectorAll("script:not([src])"));
            Assert.Empty(page.QuerySelectorAll("style, [style]"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task The_visitor_cookie_is_http_only()
    {
        var visitor = NewVisitor(followRedirects: false);
        await visitor.PostAsync("/cart/add", [new("productId", (await ProductId("webcam-4k-ultra")).ToString()), new("quantity", "1")]);

        var cookie = Assert.Single(visitor.LastResponse!.Headers.GetValues("Set-Cookie"), c => c.StartsWith("fs_visitor=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
