using System.Net;
using AngleSharp.Html.Dom;
using FakeShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Web.Tests;

/// <summary>
/// POST /cart/add: the add-to-cart form of the cached catalogue pages, which carry no antiforgery token. It answers
/// like the former Razor handler did, is refused when a browser says it comes from another site, and never loses a
/// unit when one visitor adds the same product several times at once (on PostgreSQL, like production).
/// </summary>
public sealed class AddToCartEndpointTests(WebFixture app) : WebTest(app)
{
    private const string Add = "/cart/add";

    private async Task<List<KeyValuePair<string, string>>> Fields(string slug, string quantity = "1", string returnUrl = "/shop") =>
        [new("productId", (await ProductId(slug)).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("quantity", quantity), new("returnUrl", returnUrl)];

    private Task<int> UnitsInCarts() =>
        App.Factory.WithDbAsync(async db => await db.Carts.SelectMany(c => c.Lines).SumAsync(l => (int?)l.Quantity) ?? 0);

    [Fact]
    public async Task The_product_page_form_posts_here_without_a_token_and_flashes_on_the_return_page()
    {
        var visitor = NewVisitor();
        var product = await visitor.GetAsync("/product/webcam-4k-ultra");
        var form = product.QuerySelector<IHtmlFormElement>("#add-to-cart")!;
        Assert.Equal(Add, form.GetAttribute("action"));
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));

        var page = await visitor.SubmitAsync(product, "#add-to-cart", new Dictionary<string, string> { ["quantity"] = "2" });

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal("/product/webcam-4k-ultra", PathOf(visitor));
        Assert.Equal("Webcam 4K Ultra foi adicionado ao carrinho. Ver carrinho · Finalizar compra", Text(page, "#flash"));
        Assert.Equal(2, CartCount(page));
    }

    [Theory]
    [InlineData("pt-BR", "Webcam 4K Ultra foi adicionado ao carrinho. Ver carrinho · Finalizar compra")]
    [InlineData("en", "Webcam 4K Ultra was added to your cart. View cart · Checkout")]
    public async Task The_added_flash_is_sealed_once_per_sentence_read_as_tempdata_and_shown_once(string language, string expected)
    {
        var shopper = NewVisitor();
        shopper.Http.DefaultRequestHeaders.Add("Accept-Language", language);
        var product = await shopper.GetAsync("/product/webcam-4k-ultra");

        var page = await shopper.SubmitAsync(product, "#add-to-cart");
        Assert.Equal(expected, Text(page, "#flash"));
        var next = await shopper.GetAsync("/product/webcam-4k-ultra");
        Assert.Null(next.QuerySelector("#flash"));

        // Two visitors adding the product get the very same sealed sentence (AddedFlashCookie): sealed once, not per post.
        var values = new List<string>();
        foreach (var visitor in new[] { NewVisitor(followRedirects: false), NewVisitor(followRedirects: false) })
        {
            visitor.Http.DefaultRequestHeaders.Add("Accept-Language", language);
            var fields = await Fields("webcam-4k-ultra");
            fields.Add(new("productName", "Webcam 4K Ultra"));
            await visitor.PostAsync(Add, fields);
            Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
            values.Add(visitor.LastResponse!.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fs_flash=", StringComparison.Ordinal)).Split(';')[0]);
        }

        Assert.Equal(values[0], values[1]);
    }

    [Fact]
    public async Task Success_redirects_to_the_local_return_url_with_the_flash_cookie()
    {
        var visitor = NewVisitor(followRedirects: false);

        await visitor.PostAsync(Add, await Fields("ring-light-18", "3", "/shop?page=2&sort=price-asc"));

        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal("/shop?page=2&sort=price-asc", visitor.LastResponse!.Headers.Location!.OriginalString);
        var cookies = visitor.LastResponse.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("fs_flash=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("fs_visitor=", StringComparison.Ordinal));
        Assert.Equal(3, await UnitsInCarts());
    }

    [Fact]
    public async Task A_token_in_the_post_is_ignored()
    {
        var visitor = NewVisitor(followRedirects: false);
        var fields = await Fields("ring-light-18");
        fields.Add(new("__RequestVerificationToken", "forged"));

        await visitor.PostAsync(Add, fields);

        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal(1, await UnitsInCarts());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("999999")]
    public async Task A_missing_bad_or_unknown_product_is_the_friendly_404(string? productId)
    {
        var visitor = NewVisitor();
        List<KeyValuePair<string, string>> fields = [new("quantity", "1"), new("returnUrl", "/shop")];
        if (productId is not null)
        {
            fields.Add(new("productId", productId));
        }

        var page = await visitor.PostAsync(Add, fields);

        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
        Assert.Equal("Página não encontrada", Text(page, "#status-title"));
        Assert.Equal(0, await UnitsInCarts());
    }

    [Fact]
    public async Task An_inactive_product_is_a_404()
    {
        await App.Factory.WithDbAsync(db => db.Products.Where(p => p.Slug == "ring-light-18").ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));
        var visitor = NewVisitor();

        await visitor.PostAsync(Add, await Fields("ring-light-18"));

        Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
        Assert.Equal(0, await UnitsInCarts());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("-3")]
    [InlineData("x")]
    [InlineData("")]
    public async Task A_bad_quantity_goes_back_with_the_error(string quantity)
    {
        var visitor = NewVisitor();

        var page = await visitor.PostAsync(Add, await Fields("ring-light-18", quantity, "/product/ring-light-18"));

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal("/product/ring-light-18", PathOf(visitor));
        Assert.Equal("A quantidade deve estar entre 1 e 99.", Text(page, "#flash-error"));
        Assert.Equal(0, await UnitsInCarts());
    }

    [Fact]
    public async Task Out_of_stock_and_over_the_limits_go_back_with_the_localized_message()
    {
        var visitor = NewVisitor();

        var soldOut = await visitor.PostAsync(Add, await Fields("braco-articulado-mic", "1", "/shop"));
        Assert.Equal("/shop", PathOf(visitor));
        Assert.Equal("Desculpe, este produto está esgotado.", Text(soldOut, "#flash-error"));

        // camera-dslr-pro has 6 in stock: 4 fit, 3 more do not.
        await visitor.PostAsync(Add, await Fields("camera-dslr-pro", "4"));
        var tooMany = await visitor.PostAsync(Add, await Fields("camera-dslr-pro", "3", "/cart"));
        Assert.Equal("/cart", PathOf(visitor));
        Assert.Equal("Não há estoque suficiente para essa quantidade.", Text(tooMany, "#flash-error"));

        await App.Factory.WithDbAsync(db => db.Products.Where(p => p.Slug == "ring-light-18").ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 500)));
        await visitor.PostAsync(Add, await Fields("ring-light-18", "98"));
        var overMax = await visitor.PostAsync(Add, await Fields("ring-light-18", "2"));
        Assert.Equal("No máximo 99 unidades de um produto por pedido.", Text(overMax, "#flash-error"));

        Assert.Equal(4 + 98, await UnitsInCarts());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/cart\r\nSet-Cookie: x=1")]
    public async Task The_return_url_never_leaves_the_shop(string returnUrl)
    {
        var visitor = NewVisitor(followRedirects: false);

        await visitor.PostAsync(Add, await Fields("ring-light-18", "1", returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal("/cart", visitor.LastResponse!.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    public async Task A_post_from_another_site_is_refused_and_adds_nothing(string header, string value)
    {
        var visitor = NewVisitor(followRedirects: false);
        var request = new HttpRequestMessage(HttpMethod.Post, Add) { Content = new FormUrlEncodedContent(await Fields("ring-light-18")) };
        request.Headers.Add(header, value);

        using var response = await visitor.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(0, await UnitsInCarts());
    }

    [Fact]
    public async Task A_same_origin_browser_post_is_accepted()
    {
        var visitor = NewVisitor(followRedirects: false);
        var request = new HttpRequestMessage(HttpMethod.Post, Add) { Content = new FormUrlEncodedContent(await Fields("ring-light-18")) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", "http://localhost");

        using var response = await visitor.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await UnitsInCarts());
    }

    [Fact]
    public async Task The_old_page_handler_is_gone()
    {
        var visitor = NewVisitor(followRedirects: false);
        var token = await AntiforgeryFromLoginPage(visitor);
        var fields = await Fields("ring-light-18");
        fields.Add(new("__RequestVerificationToken", token));

        await visitor.PostAsync("/cart?handler=Add", fields);

        Assert.NotEqual(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal(0, await UnitsInCarts());
    }

    [Fact]
    public async Task Simultaneous_adds_of_one_product_by_one_visitor_all_count()
    {
        // A double click, two tabs: every add must land, none may overwrite another (the lost increment).
        const int adds = 12;
        var visitor = NewVisitor(followRedirects: false);
        await visitor.PostAsync(Add, await Fields("ring-light-18")); // the visitor cookie, and the cart and line exist
        var fields = await Fields("ring-light-18");
        var fresh = NewVisitor(followRedirects: false); // and a visitor whose cart and line do not exist yet
        await fresh.PostAsync(Add, await Fields("webcam-4k-ultra"));

        var posts = Enumerable.Range(0, adds).SelectMany(_ => new[]
        {
            visitor.Http.PostAsync(Add, new FormUrlEncodedContent(fields)),
            fresh.Http.PostAsync(Add, new FormUrlEncodedContent(fields)),
        }).ToList();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(2 * (1 + adds), await UnitsInCarts());
        Assert.Equal(1 + adds, CartCount(await visitor.GetAsync("/cart"))); // ring light: 1 + 12
        Assert.Equal(1 + adds, CartCount(await fresh.GetAsync("/cart")));   // webcam 1 + ring light 12
        var lines = await App.Factory.WithDbAsync(db => db.Carts.SelectMany(c => c.Lines).CountAsync());
        Assert.Equal(3, lines);
    }

    [Fact]
    public async Task Simultaneous_first_adds_of_a_new_visitor_create_one_cart()
    {
        const int adds = 10;
        var visitor = NewVisitor(followRedirects: false);
        await visitor.GetAsync("/cart"); // no visitor cookie yet from a GET; issue one with a refused add
        await visitor.PostAsync(Add, await Fields("braco-articulado-mic")); // sold out: cookie, but no cart line
        var fields = await Fields("ring-light-18");

        var responses = await Task.WhenAll(Enumerable.Range(0, adds).Select(_ => visitor.Http.PostAsync(Add, new FormUrlEncodedContent(fields))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(adds, await UnitsInCarts());
        Assert.Equal(1, await App.Factory.WithDbAsync(db => db.Carts.CountAsync()));
    }

    /// <summary>An antiforgery token (and its cookie) from a page that still has one: the login form.</summary>
    internal static async Task<string> AntiforgeryFromLoginPage(HtmlClient visitor)
    {
        var login = await visitor.GetAsync("/Account/Login");
        return login.QuerySelector<IHtmlInputElement>("#login-form input[name=__RequestVerificationToken]")?.Value
            ?? throw new Xunit.Sdk.XunitException("No antiforgery token on /Account/Login.");
    }
}
