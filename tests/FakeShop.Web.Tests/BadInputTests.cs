using System.Net;
using AngleSharp.Html.Dom;

namespace FakeShop.Web.Tests;

/// <summary>
/// Hand-edited URLs, hostile strings and broken forms on every route: never a 500, never unencoded output; either a
/// normal page, a clear message or a 4xx.
/// </summary>
public sealed class BadInputTests(WebFixture app) : WebTest(app)
{
    private const string Script = "<script>alert(1)</script>";
    private const string Attribute = "\"><img src=x onerror=alert(1)>";
    private const string Sql = "'; DROP TABLE products; --";

    public static TheoryData<string> Hostile => new() { Script, Attribute, Sql, "{{7*7}}", "../../etc/passwd", "%00", "\u202Egnp.exe" };

    [Theory]
    [InlineData("page=-1", "1")]
    [InlineData("page=0", "1")]
    [InlineData("page=abc", "1")]
    [InlineData("page=1.5", "1")]
    [InlineData("page=999999", "2")]
    [InlineData("page=99999999999999999999", "1")]
    [InlineData("page=2&page=1", "2")] // the first value counts
    [InlineData("sort=bogus", "1")]
    [InlineData("category=bogus", "1")]
    [InlineData("category=", "1")]
    public async Task Odd_catalogue_parameters_give_a_normal_page(string query, string activePage)
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/shop?" + query);

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal(activePage, Text(page, "#pagination .active"));
        Assert.NotEmpty(page.QuerySelectorAll("#products .product-card"));
    }

    [Fact]
    public async Task A_10000_character_search_is_cut_to_100()
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/shop?q=" + new string('x', 10_000));

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal(new string('x', 100), Text(page, "#search-term"));
        Assert.NotNull(page.QuerySelector("#no-results"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_text_in_every_catalogue_parameter_is_only_ever_shown_encoded(string evil)
    {
        var visitor = NewVisitor();
        foreach (var name in new[] { "q", "category", "sort", "page" })
        {
            var page = await visitor.GetAsync($"/shop?{name}={Uri.EscapeDataString(evil)}");
            var body = await BodyAsync(visitor);

            Assert.Equal(HttpStatusCode.OK, visitor.Status);
            Assert.DoesNotContain(Script, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", body, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(page.QuerySelectorAll("img[onerror], script:not([src])"));
        }
    }

    [Fact]
    public async Task A_search_for_markup_is_echoed_as_text()
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/shop?q=" + Uri.EscapeDataString(Script));
        var body = await BodyAsync(visitor);

        Assert.Equal(Script, Text(page, "#search-term"));
        Assert.Equal(Script, page.QuerySelector<IHtmlInputElement>("#q")!.Value);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Script, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_in_the_search_is_just_text()
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/shop?q=" + Uri.EscapeDataString("' OR 1=1 --"));

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.NotNull(page.QuerySelector("#no-results"));
        Assert.Equal(15, (await visitor.GetAsync("/shop?page=2")).QuerySelectorAll("#products .product-card").Length + 12);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_text_in_path_parameters_is_a_plain_404(string evil)
    {
        var visitor = NewVisitor();
        foreach (var url in new[] { "/product/", "/orders/" })
        {
            await visitor.GetAsync(url + Uri.EscapeDataString(evil));
            var body = await BodyAsync(visitor);

            Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
            Assert.DoesNotContain(Script, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("100")]
    [InlineData("1000000000")]
    [InlineData("99999999999999999999")]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData(Script)]
    public async Task A_bad_quantity_on_the_product_page_gives_a_message_and_adds_nothing(string quantity)
    {
        var visitor = NewVisitor();
        var page = await AddFromProductPage(visitor, "webcam-4k-ultra", quantity);

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal("/product/webcam-4k-ultra", PathOf(visitor));
        Assert.Equal("A quantidade deve estar entre 1 e 99.", Text(page, "#flash-error"));
        Assert.Equal(0, CartCount(page));
        Assert.DoesNotContain(Script, await BodyAsync(visitor), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_the_stock_gives_a_message()
    {
        var visitor = NewVisitor();
        var page = await AddFromProductPage(visitor, "camera-dslr-pro", "7");

        Assert.Equal("Não há estoque suficiente para essa quantidade.", Text(page, "#flash-error"));
        Assert.Equal(0, CartCount(page));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(Sql)]
    public async Task An_unknown_product_id_is_a_404(string productId)
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/product/webcam-4k-ultra");

        var result = await visitor.SubmitAsync(page, "#add-to-cart", new Dictionary<string, string> { ["productId"] = productId });

        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
        Assert.Equal("Página não encontrada", Text(result, "#status-title"));
        Assert.Equal(0, CartCount(await visitor.GetAsync("/cart")));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\t/evil.example/")]          // browsers drop the tab: "//evil.example/"
    [InlineData("/cart\r\nSet-Cookie: x=1")]   // header injection
    public async Task Return_urls_never_leave_the_shop(string returnUrl)
    {
        // Both forms are on the cached public pages and carry no antiforgery token.
        var visitor = NewVisitor(followRedirects: false);

        await visitor.PostAsync("/cart/add", [new("productId", (await ProductId("webcam-4k-ultra")).ToString()), new("quantity", "1"), new("returnUrl", returnUrl)]);
        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal("/cart", visitor.LastResponse!.Headers.Location!.OriginalString);

        await visitor.PostAsync("/Culture", [new("culture", "en"), new("returnUrl", returnUrl)]);
        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal("/", visitor.LastResponse!.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/shop?q=ç", "/shop?q=%C3%A7")]
    [InlineData("/product/webcam-4k-ultra?x=promoção#p", "/product/webcam-4k-ultra?x=promo%C3%A7%C3%A3o#p")]
    [InlineData("/shop\u2028X: 1", null)]
    [InlineData("/shop\u2029", null)]
    [InlineData("/shop\nX: 1", null)]
    [InlineData("/shop\u0085", null)]
    public async Task Return_urls_with_odd_characters_redirect_to_a_valid_local_address(string returnUrl, string? expected)
    {
        // Writing "ç" or U+2028 into the Location header used to throw after the cart or cookie was already changed.
        var visitor = NewVisitor(followRedirects: false);

        await visitor.PostAsync("/cart/add", [new("productId", (await ProductId("webcam-4k-ultra")).ToString()), new("quantity", "1"), new("returnUrl", returnUrl)]);
        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal(expected ?? "/cart", visitor.LastResponse!.Headers.Location!.OriginalString);

        await visitor.PostAsync("/Culture", [new("culture", "en"), new("returnUrl", returnUrl)]);
        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal(expected ?? "/", visitor.LastResponse!.Headers.Location!.OriginalString);

        await visitor.GetAsync(expected ?? "/");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
    }

    [Fact]
    public async Task An_unknown_culture_falls_back_to_portuguese()
    {
        var visitor = NewVisitor();
        var home = await visitor.GetAsync("/");

        var page = await visitor.SubmitAsync(home, "form.language-switch", new Dictionary<string, string> { ["culture"] = Script });

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal("pt-BR", page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("99999999999")]
    [InlineData("999999")]
    [InlineData(Script)]
    [InlineData(Sql)]
    public async Task A_bad_cart_line_id_is_a_404_and_changes_nothing(string lineId)
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "2");
        var cart = await visitor.GetAsync("/cart");
        var token = Antiforgery(cart);

        await visitor.PostAsync("/cart?handler=Update", [new("lineId", lineId), new("quantity", "1"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
        Assert.DoesNotContain(Script, await BodyAsync(visitor), StringComparison.Ordinal);
        await visitor.PostAsync("/cart?handler=Remove", [new("lineId", lineId), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);

        Assert.Equal(2, CartCount(await visitor.GetAsync("/cart")));
    }

    [Fact]
    public async Task Cart_changes_without_a_cart_cookie_are_not_found()
    {
        var visitor = NewVisitor();
        var token = await AddToCartEndpointTests.AntiforgeryFromLoginPage(visitor); // an antiforgery token, but no visitor cookie yet

        await visitor.PostAsync("/cart?handler=Update", [new("lineId", "1"), new("quantity", "2"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
        await visitor.PostAsync("/cart?handler=Remove", [new("lineId", "1"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);

        var cleared = await visitor.PostAsync("/cart?handler=Clear", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.NotNull(cleared.QuerySelector("#empty-cart"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%%%")]
    [InlineData("CfDJ8-not-really-protected_")]
    public async Task A_tampered_visitor_cookie_is_treated_as_a_new_visitor(string cookie)
    {
        var (visitor, jar) = NewVisitorWithJar();
        jar.Add(new Cookie("fs_visitor", cookie, "/", "localhost"));

        var cart = await visitor.GetAsync("/cart");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.NotNull(cart.QuerySelector("#empty-cart"));
        Assert.Equal(0, CartCount(cart));

        var orders = await visitor.GetAsync("/orders");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.NotNull(orders.QuerySelector("#no-orders"));

        var checkout = await visitor.GetAsync("/checkout");
        Assert.Equal("/cart", PathOf(visitor));
        Assert.NotNull(checkout.QuerySelector("#empty-cart"));

        var token = await AddToCartEndpointTests.AntiforgeryFromLoginPage(visitor); // an empty cart has no form
        await visitor.PostAsync("/cart?handler=Update", [new("lineId", "1"), new("quantity", "2"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
        await visitor.PostAsync("/orders/FS-0000-0000", []);
        Assert.True((int)visitor.Status is >= 400 and < 500, visitor.Status.ToString());
    }

    [Fact]
    public async Task A_forged_cookie_gets_a_fresh_visitor_that_can_shop()
    {
        var (visitor, jar) = NewVisitorWithJar();
        jar.Add(new Cookie("fs_visitor", "forged", "/", "localhost"));

        var page = await AddFromProductPage(visitor, "ring-light-18", "2");

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal(2, CartCount(page));
        Assert.NotEqual("forged", jar.GetCookies(new Uri("http://localhost/"))["fs_visitor"]!.Value);
    }
}
