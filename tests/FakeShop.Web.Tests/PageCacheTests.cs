using System.Net;
using FakeShop.Application.Admin.AdjustStock;
using FakeShop.Testing;
using FakeShop.Web.Caching;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FakeShop.Web.Tests;

/// <summary>
/// The page cache (docs/decisions/0007): public catalogue pages for visitors with nothing personal come from memory,
/// never with someone else's data, and never older than the last committed catalogue change.
/// </summary>
public sealed class PageCacheTests(WebFixture app) : WebTest(app)
{
    public static TheoryData<string> PublicPages => ["/", "/shop", "/shop?q=micro&sort=price-asc", "/product/webcam-4k-ultra"];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_is_rendered_once_then_served_from_memory_with_nothing_personal_in_it(string url)
    {
        await CacheIsInUseAsync();
        var first = NewVisitor();
        await first.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.LastResponse!.Headers.Contains("Age"), "the first request is rendered");

        var second = NewVisitor();
        var body = await second.Http.GetStringAsync(url);
        var response = await second.Http.GetAsync(url);

        Assert.True(response.Headers.Contains("Age"), "the same page for the next visitor comes from the cache");
        Assert.False(response.Headers.Contains("Set-Cookie"), "a cached page sets no cookie");
        Assert.DoesNotContain("__RequestVerificationToken", body, StringComparison.Ordinal);
        // The security headers are on cached answers too.
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("default-src 'self'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    // Issue 16 changed this behaviour: a visitor with a cart used to get every page rendered (the test was
    // A_visitor_with_a_cart_always_gets_a_page_rendered_for_them); now the cached page is filled with their count.
    [Fact]
    public async Task A_shopper_with_a_cart_gets_the_cached_page_with_their_own_count_and_no_query()
    {
        await CacheIsInUseAsync();
        var anonymous = NewVisitor();
        await anonymous.GetAsync("/shop");
        await anonymous.GetAsync("/shop"); // now cached, with a hole where the badge count goes

        var shopper = NewVisitor();
        await AddFromProductPage(shopper, "webcam-4k-ultra", "2");
        using var counter = new SqlCommandCounter();
        var page = await shopper.GetAsync("/shop");

        Assert.True(shopper.LastResponse!.Headers.Contains("Age"), "the shopper's page comes from the cache");
        Assert.Equal(0, counter.Count);
        Assert.Equal(2, CartCount(page));
        Assert.Contains("2", page.QuerySelector("#cart-count")!.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(0, CartCount(await NewVisitor().GetAsync("/shop")));
    }

    [Fact]
    public async Task Two_shoppers_with_different_counts_get_their_own_badge_from_the_same_entry()
    {
        await CacheIsInUseAsync();
        var one = NewVisitor();
        var three = NewVisitor();
        await AddFromProductPage(one, "webcam-4k-ultra", "1");
        await AddFromProductPage(three, "webcam-4k-ultra", "3");

        const string url = "/shop?sort=name&page=1";
        Assert.Equal(1, CartCount(await one.GetAsync(url))); // the first asks: rendered with holes, stored
        Assert.False(one.LastResponse!.Headers.Contains("Age"));
        var threes = await three.GetAsync(url);
        Assert.True(three.LastResponse!.Headers.Contains("Age"));
        Assert.Equal(3, CartCount(threes));
        var ones = await one.GetAsync(url);
        Assert.True(one.LastResponse!.Headers.Contains("Age"));
        Assert.Equal(1, CartCount(ones));
        var nobody = await NewVisitor().GetAsync(url);
        Assert.True(nobody.QuerySelectorAll(".product-card").Length > 0);
        Assert.Equal(0, CartCount(nobody));
        // Nothing of the holes' machinery is left in what a visitor gets, and the length announced is the filled one.
        Assert.DoesNotContain("<!--fs:", await BodyAsync(one), StringComparison.Ordinal);
        using var raw = await three.Http.GetAsync(url);
        var bytes = await raw.Content.ReadAsByteArrayAsync();
        Assert.True(raw.Headers.Contains("Age"));
        Assert.Equal(bytes.Length, raw.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task A_flash_message_on_a_cached_page_shows_once()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        await visitor.GetAsync("/product/webcam-4k-ultra");
        await visitor.GetAsync("/product/webcam-4k-ultra");
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));

        var page = await AddFromProductPage(visitor, "webcam-4k-ultra", "1"); // back on the product page
        Assert.EndsWith("/product/webcam-4k-ultra", PathOf(visitor), StringComparison.Ordinal);
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"), "the page after the add comes from the cache too");
        Assert.Equal("Webcam 4K Ultra foi adicionado ao carrinho. Ver carrinho · Finalizar compra", Text(page, "#flash"));
        Assert.Equal(1, CartCount(page));

        var again = await visitor.GetAsync("/product/webcam-4k-ultra");
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));
        Assert.Null(again.QuerySelector("#flash"));
        Assert.Equal(1, CartCount(again));
    }

    [Fact]
    public async Task Every_cart_change_shows_on_the_very_next_cached_page()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        await visitor.GetAsync("/");
        await visitor.GetAsync("/");

        await AddFromProductPage(visitor, "webcam-4k-ultra", "1");
        Assert.Equal(1, await CachedCount(visitor));
        await AddFromProductPage(visitor, "webcam-4k-ultra", "2");
        Assert.Equal(3, await CachedCount(visitor));

        var cart = await visitor.GetAsync("/cart");
        await visitor.SubmitAsync(cart, "form.update-line", new Dictionary<string, string> { ["quantity"] = "5" });
        Assert.Equal(5, await CachedCount(visitor));

        cart = await visitor.GetAsync("/cart");
        await visitor.SubmitAsync(cart, "form.remove-line");
        Assert.Equal(0, await CachedCount(visitor));

        await AddFromProductPage(visitor, "webcam-4k-ultra", "2");
        var checkout = await visitor.GetAsync("/checkout");
        await visitor.SubmitAsync(checkout, "#checkout-form", CheckoutValues());
        Assert.StartsWith("/orders/", PathOf(visitor), StringComparison.Ordinal);
        // The order changed the stock, so the catalogue moved on: the first home page is rendered again, with a hole.
        Assert.Equal(0, CartCount(await visitor.GetAsync("/")));
        Assert.Equal(0, await CachedCount(visitor));
    }

    [Fact]
    public async Task Without_a_cart_count_cookie_that_opens_the_page_is_counted_in_the_database_and_the_cookie_written_again()
    {
        await CacheIsInUseAsync();
        var anonymous = NewVisitor();
        await anonymous.GetAsync("/shop");
        await anonymous.GetAsync("/shop");
        var (visitor, jar) = NewVisitorWithJar();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "2");
        var cookie = jar.GetCookies(new Uri("http://localhost"))[CartCountCookie.Name]!;
        Assert.NotNull(cookie);

        foreach (var bad in new[] { "forged", cookie.Value[..^4] + "AAAA", string.Empty })
        {
            jar.Add(new Uri("http://localhost"), new System.Net.Cookie(CartCountCookie.Name, bad));
            Assert.Equal(2, CartCount(await visitor.GetAsync("/shop")));
            Assert.False(visitor.LastResponse!.Headers.Contains("Age"), "rendered: the count is not known without the database");
            Assert.Equal(2, CartCount(await visitor.GetAsync("/shop")));
            Assert.True(visitor.LastResponse!.Headers.Contains("Age"), "the rewritten cookie lets the next page come from the cache");
        }

        // A cookie written for another visitor does not give their count to this one.
        var (other, otherJar) = NewVisitorWithJar();
        await AddFromProductPage(other, "webcam-4k-ultra", "5");
        jar.Add(new Uri("http://localhost"), new System.Net.Cookie(CartCountCookie.Name, otherJar.GetCookies(new Uri("http://localhost"))[CartCountCookie.Name]!.Value));
        Assert.Equal(2, CartCount(await visitor.GetAsync("/shop")));
    }

    [Theory]
    [InlineData("/cart")]
    [InlineData("/checkout")]
    [InlineData("/orders")]
    public async Task Personal_pages_are_never_stored_nor_served_to_someone_else(string url)
    {
        await CacheIsInUseAsync();
        var shopper = NewVisitor();
        await AddFromProductPage(shopper, "webcam-4k-ultra", "3");
        for (var i = 0; i < 2; i++)
        {
            await shopper.GetAsync(url);
            Assert.False(shopper.LastResponse!.Headers.Contains("Age"), url + " was served from the cache");
        }

        // A stranger asking for the same address sees their own (empty) cart, not the shopper's.
        var stranger = NewVisitor();
        var page = await stranger.GetAsync(url);
        Assert.False(stranger.LastResponse!.Headers.Contains("Age"));
        Assert.Equal(0, CartCount(page));
    }

    [Fact]
    public async Task A_stock_change_through_a_use_case_shows_on_the_very_next_request()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        await visitor.GetAsync("/product/webcam-4k-ultra");
        var cached = await visitor.GetAsync("/product/webcam-4k-ultra");
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));
        var before = await ScalarWithoutSignal("SELECT \"Stock\" FROM products WHERE \"Slug\" = 'webcam-4k-ultra'");
        Assert.Contains(before.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(cached, "#stock"), StringComparison.Ordinal);

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var id = await ScalarWithoutSignal("SELECT \"Id\" FROM products WHERE \"Slug\" = 'webcam-4k-ultra'");
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AdjustStockCommand(id, 7));
        }

        var after = await visitor.GetAsync("/product/webcam-4k-ultra");
        Assert.Contains((before + 7).ToString(System.Globalization.CultureInfo.InvariantCulture), Text(after, "#stock"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_made_outside_the_app_reaches_the_cache_through_postgres_notifications()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        await visitor.GetAsync("/product/webcam-4k-ultra");
        await visitor.GetAsync("/product/webcam-4k-ultra");
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));

        // As an operator in psql would: no use case, no in-process signal, only the trigger's NOTIFY.
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand("UPDATE products SET \"Name\" = 'Webcam Renamed By Hand' WHERE \"Slug\" = 'webcam-4k-ultra'", connection);
            Assert.Equal(1, await rename.ExecuteNonQueryAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        string name;
        do
        {
            name = Text(await visitor.GetAsync("/product/webcam-4k-ultra"), "#product-name");
        }
        while (name != "Webcam Renamed By Hand" && DateTime.UtcNow < deadline && await Pause());

        Assert.Equal("Webcam Renamed By Hand", name);
    }

    [Fact]
    public async Task The_category_menu_of_rendered_pages_is_shared_until_the_catalogue_changes()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        await visitor.GetAsync("/orders");
        using (var counter = new SqlCommandCounter())
        {
            var orders = await visitor.GetAsync("/orders");
            Assert.DoesNotContain(counter.Commands, c => c.Contains("FROM categories", StringComparison.OrdinalIgnoreCase));
            Assert.NotEmpty(orders.QuerySelectorAll("#categoryMenu + ul a.dropdown-item"));
        }

        // As an operator in psql would: only PostgreSQL's notification tells the app.
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand("UPDATE categories SET \"Name\" = 'Renamed By Hand' WHERE \"Id\" = (SELECT min(\"Id\") FROM categories)", connection);
            Assert.Equal(1, await rename.ExecuteNonQueryAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        string menu;
        do
        {
            menu = Text(await visitor.GetAsync("/orders"), "#categoryMenu + ul");
        }
        while (!menu.Contains("Renamed By Hand", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Pause());

        Assert.Contains("Renamed By Hand", menu, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_changes_cannot_be_heard_about_nothing_is_served_from_memory()
    {
        await CacheIsInUseAsync();
        var observer = App.Factory.Services.GetRequiredService<CatalogGeneration>();
        var visitor = NewVisitor();
        await visitor.GetAsync("/shop");
        await visitor.GetAsync("/shop");
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));

        observer.ChangeFeedLost();
        try
        {
            await visitor.GetAsync("/shop");
            Assert.False(visitor.LastResponse!.Headers.Contains("Age"));
            await visitor.GetAsync("/shop");
            Assert.False(visitor.LastResponse!.Headers.Contains("Age"));
        }
        finally
        {
            observer.ChangeFeedRestored();
        }

        await visitor.GetAsync("/shop");
        await visitor.GetAsync("/shop");
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));
    }

    [Fact]
    public async Task Each_query_language_and_method_has_its_own_entry()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();

        // The search box echoes the query exactly, so "Micro" and "micro" are different pages.
        foreach (var q in new[] { "Micro", "micro", "Micro" })
        {
            var page = await visitor.GetAsync("/shop?q=" + q);
            Assert.Equal(q, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#nav-search")!.Value);
        }

        // English and Portuguese are cached side by side.
        var english = NewVisitor();
        english.Http.DefaultRequestHeaders.Add("Accept-Language", "en");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("en", (await english.GetAsync("/product/webcam-4k-ultra")).DocumentElement.GetAttribute("lang"));
            Assert.Equal("pt-BR", (await NewVisitor().GetAsync("/product/webcam-4k-ultra")).DocumentElement.GetAttribute("lang"));
        }

        // A HEAD (no body) does not leave an empty page behind for the next GET.
        using var head = await visitor.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/shop?sort=name"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var full = await visitor.GetAsync("/shop?sort=name");
        Assert.NotEmpty(full.QuerySelectorAll(".product-card"));
    }

    [Fact]
    public async Task Pages_that_are_not_a_plain_success_are_not_kept()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        for (var i = 0; i < 2; i++)
        {
            await visitor.GetAsync("/product/no-such-product");
            Assert.Equal(HttpStatusCode.NotFound, visitor.Status);
            Assert.False(visitor.LastResponse!.Headers.Contains("Age"));
        }
    }

    [Fact]
    public async Task The_language_switch_on_a_cached_page_works_without_a_token_but_not_from_another_site()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor(followRedirects: false);

        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/Culture")
        {
            Content = new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/shop")]),
        };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using (var refused = await visitor.Http.SendAsync(crossSite))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.False(refused.Headers.Contains("Set-Cookie"));
        }

        var fromAnotherOrigin = new HttpRequestMessage(HttpMethod.Post, "/Culture")
        {
            Content = new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/shop")]),
        };
        fromAnotherOrigin.Headers.Add("Origin", "https://evil.example");
        using (var refused = await visitor.Http.SendAsync(fromAnotherOrigin))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var sameSite = new HttpRequestMessage(HttpMethod.Post, "/Culture")
        {
            Content = new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/shop")]),
        };
        sameSite.Headers.Add("Sec-Fetch-Site", "same-origin");
        sameSite.Headers.Add("Origin", "http://localhost");
        using var accepted = await visitor.Http.SendAsync(sameSite);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/shop", accepted.Headers.Location!.OriginalString);
    }

    /// <summary>The badge of a catalogue page that must come from the page cache.</summary>
    private static async Task<int> CachedCount(HtmlClient visitor)
    {
        var page = await visitor.GetAsync("/");
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"), "the home page comes from the cache");
        return CartCount(page);
    }

    private async Task CacheIsInUseAsync() =>
        Assert.True(await App.Factory.PageCacheInUseAsync(), "the catalogue change listener did not connect");

    /// <summary>Reads a number without telling the cache anything changed (WithDbAsync would).</summary>
    private async Task<int> ScalarWithoutSignal(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await select.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(25);
        return true;
    }
}
