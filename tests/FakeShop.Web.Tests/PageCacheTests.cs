using System.Net;
using FakeShop.Application.Admin.AdjustStock;
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

    [Fact]
    public async Task A_visitor_with_a_cart_always_gets_a_page_rendered_for_them()
    {
        await CacheIsInUseAsync();
        var anonymous = NewVisitor();
        await anonymous.GetAsync("/shop");
        await anonymous.GetAsync("/shop"); // now cached, with an empty cart badge

        var shopper = NewVisitor();
        await AddFromProductPage(shopper, "webcam-4k-ultra", "2");
        var page = await shopper.GetAsync("/shop");

        Assert.False(shopper.LastResponse!.Headers.Contains("Age"));
        Assert.Equal(2, CartCount(page));
        Assert.Equal(0, CartCount(await NewVisitor().GetAsync("/shop")));
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
