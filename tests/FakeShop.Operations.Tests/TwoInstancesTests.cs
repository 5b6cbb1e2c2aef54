using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FakeShop.Operations.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 5, many replicas: the Data Protection keys live in the database, so a cart cookie and an antiforgery token
/// sealed by one instance open on another, and after a restart. An instance on another database (other keys) must
/// refuse them, which shows the test can tell the difference.
/// </summary>
public sealed class TwoInstancesTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Uri Site = new("http://localhost");

    [Fact]
    public async Task Cookies_and_antiforgery_tokens_from_one_instance_are_accepted_by_another_and_after_a_restart()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_replicas");
        await using var a = new ShopFactory("Postgres", cs);
        await using var b = new ShopFactory("Postgres", cs);
        var jar = new CookieContainer();
        var onA = new HtmlClient(a.CreateDefaultClient(Site, new RedirectHandler(), new CookieContainerHandler(jar)));
        var onB = new HtmlClient(b.CreateDefaultClient(Site, new RedirectHandler(), new CookieContainerHandler(jar)));

        // Add to cart on A: A issues the visitor cookie; B shows the same cart.
        await Shopper.AddToCartAsync(onA);
        Assert.NotNull(jar.GetCookies(Site)["fs_visitor"]);
        Assert.Contains("Webcam 4K Ultra", (await onB.GetAsync("/cart")).Body!.TextContent, StringComparison.Ordinal);

        // A form with an antiforgery token (and its cookie) from A, submitted to B: the cart's quantity form. (The
        // add-to-cart forms of the cached catalogue pages carry no token since docs/decisions/0007.)
        await onB.SubmitAsync(await onA.GetAsync("/cart"), "form.update-line", new Dictionary<string, string> { ["quantity"] = "2" });
        Assert.Equal(HttpStatusCode.OK, onB.Status);
        Assert.Equal("/cart", onB.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath);
        await onB.SubmitAsync(await onA.GetAsync("/product/ring-light-18"), "#add-to-cart");
        Assert.Equal(HttpStatusCode.OK, onB.Status);
        var cart = (await onA.GetAsync("/cart")).Body!.TextContent;
        Assert.Contains("Ring Light", cart, StringComparison.Ordinal);
        Assert.Contains("Webcam 4K Ultra", cart, StringComparison.Ordinal);

        // Restart B (a new instance on the same database): the cookies and tokens still open.
        await b.DisposeAsync();
        await using var restarted = new ShopFactory("Postgres", cs);
        var onRestarted = new HtmlClient(restarted.CreateDefaultClient(Site, new RedirectHandler(), new CookieContainerHandler(jar)));
        Assert.Contains("Ring Light", (await onRestarted.GetAsync("/cart")).Body!.TextContent, StringComparison.Ordinal);
        await onRestarted.SubmitAsync(await onA.GetAsync("/cart"), "form.update-line", new Dictionary<string, string> { ["quantity"] = "3" });
        Assert.Equal(HttpStatusCode.OK, onRestarted.Status);
        Assert.Equal("/cart", onRestarted.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath);

        // Control: an instance with its own database has other keys and opens neither cookie nor token.
        await using var stranger = new ShopFactory("Postgres", await pg.Server.CreateDatabaseAsync("ops_replicas_other"));
        var onStranger = new HtmlClient(stranger.CreateDefaultClient(Site, new CookieContainerHandler(jar)));
        Assert.DoesNotContain("Ring Light", (await onStranger.GetAsync("/cart")).Body!.TextContent, StringComparison.Ordinal);
        var form = (await onA.GetAsync("/cart")).QuerySelector<IHtmlFormElement>("form.update-line")!;
        using var refused = await onStranger.Http.PostAsync("/cart?handler=Update", new FormUrlEncodedContent(HtmlClient.FormFields(form)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
    [Fact]
    public async Task A_cart_change_on_one_instance_shows_on_the_next_cached_page_of_another()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_replicas_badge");
        await using var a = new ShopFactory("Postgres", cs);
        await using var b = new ShopFactory("Postgres", cs);
        Assert.True(await b.PageCacheInUseAsync());
        var anonymous = new HtmlClient(b.CreateDefaultClient(Site));
        await anonymous.GetAsync("/");
        await anonymous.GetAsync("/"); // B has the home page in its cache
        var jar = new CookieContainer();
        var onA = new HtmlClient(a.CreateDefaultClient(Site, new RedirectHandler(), new CookieContainerHandler(jar)));
        var onB = new HtmlClient(b.CreateDefaultClient(Site, new RedirectHandler(), new CookieContainerHandler(jar)));

        for (var units = 1; units <= 2; units++)
        {
            await Shopper.AddToCartAsync(onA);
            var home = await onB.GetAsync("/");
            Assert.True(onB.LastResponse!.Headers.Contains("Age"), "B answers from its page cache");
            Assert.Equal(units.ToString(System.Globalization.CultureInfo.InvariantCulture), home.QuerySelector("#cart-count")!.TextContent.Trim());
        }
    }
}
