using System.Net;
using AngleSharp.Html.Dom;
using FakeShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Web.Tests;

/// <summary>
/// The shared layout without tag helpers or view components (issue 16): the parts it keeps between requests (the
/// category menu's markup per language and catalogue, the badge's text per language) must never carry one request's
/// language, count or catalogue into another's page.
/// </summary>
public sealed class LayoutTests(WebFixture app) : WebTest(app)
{
    [Fact]
    public async Task The_reused_menu_and_badge_text_follow_each_requests_language_and_the_count_each_visitors()
    {
        var pt = NewVisitor();
        var en = NewVisitor();
        en.Http.DefaultRequestHeaders.Add("Accept-Language", "en");
        await AddFromProductPage(pt, "webcam-4k-ultra", "2");
        await AddFromProductPage(en, "webcam-4k-ultra", "1");

        // Interleaved, so every page after the first is built from parts another visitor's request left behind. The
        // cart page takes the count it loaded; /orders takes it from the cart-count cookie.
        for (var round = 0; round < 3; round++)
        {
            foreach (var url in new[] { "/cart", "/orders" })
            {
                Assert.Equal(("pt-BR", "Categorias", "Carrinho", "2", "2 itens no carrinho"), Layout(await pt.GetAsync(url)));
                Assert.Equal(("en", "Categories", "Cart", "1", "1 items in cart"), Layout(await en.GetAsync(url)));
            }
        }

        var nobody = NewVisitor();
        Assert.Equal(("pt-BR", "Categorias", "Carrinho", "0", "0 itens no carrinho"), Layout(await nobody.GetAsync("/orders")));
    }

    [Fact]
    public async Task A_catalogue_change_reaches_the_reused_menu_in_both_languages_on_the_next_page()
    {
        var pt = NewVisitor();
        var en = NewVisitor();
        en.Http.DefaultRequestHeaders.Add("Accept-Language", "en");
        foreach (var visitor in new[] { pt, en, pt, en })
        {
            Assert.DoesNotContain("Renamed Today", Text(await visitor.GetAsync("/orders"), "#categoryMenu + ul"), StringComparison.Ordinal);
        }

        // WithDbAsync moves the catalogue generation as the app's own writers do, before the next request.
        await App.Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE categories SET \"Name\" = 'Renamed Today' WHERE \"Id\" = (SELECT min(\"Id\") FROM categories)"));

        Assert.Contains("Renamed Today", Text(await pt.GetAsync("/orders"), "#categoryMenu + ul"), StringComparison.Ordinal);
        Assert.Contains("Renamed Today", Text(await en.GetAsync("/cart"), "#categoryMenu + ul"), StringComparison.Ordinal);
        Assert.Equal("Categories", Text(await en.GetAsync("/orders"), "#categoryMenu"));
    }

    [Theory]
    [InlineData("/cart")]
    [InlineData("/orders")]
    [InlineData("/checkout")]
    public async Task The_layout_links_the_fingerprinted_static_files_and_leaves_no_tag_helper_syntax(string url)
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra");
        var page = await visitor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        var body = await BodyAsync(visitor);
        Assert.DoesNotContain("~/", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" asp-", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<partial", body, StringComparison.Ordinal);

        var assets = page.QuerySelectorAll("link[href]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)).ToList();
        Assert.Equal(4, assets.Count);
        foreach (var (plain, asset) in new[] { "/lib/bootstrap/css/bootstrap.min.css", "/css/site.css", "/favicon.svg", "/lib/bootstrap/js/bootstrap.bundle.min.js" }.Zip(assets))
        {
            // The fingerprinted name (the plain one with a content hash before the extension; PageCompressionTests
            // checks its caching headers), and the file is there.
            var dot = plain.LastIndexOf('.');
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(plain[..dot])}\\.[a-z0-9]{{10}}{System.Text.RegularExpressions.Regex.Escape(plain[dot..])}$", asset);
            using var response = await visitor.Http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static (string Lang, string Menu, string CartLink, string Count, string CountLabel) Layout(IHtmlDocument page)
    {
        var link = page.QuerySelector("#cart-link") ?? throw new Xunit.Sdk.XunitException("No cart link.");
        var badge = page.QuerySelector("#cart-count")!;
        return (page.DocumentElement.GetAttribute("lang")!, Text(page, "#categoryMenu"), link.FirstChild!.TextContent.Trim(),
            badge.TextContent, badge.GetAttribute("aria-label")!);
    }
}
