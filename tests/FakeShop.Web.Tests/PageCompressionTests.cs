using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using FakeShop.Web.Caching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Primitives;

namespace FakeShop.Web.Tests;

/// <summary>
/// Issue 13 item 8 and issue 16 (docs/decisions/0010): cached public pages go out compressed when the browser takes it —
/// the same bytes once decompressed, each shopper's own badge in them, never a flash message or a page with a token —
/// and static files live under fingerprinted URLs cached for a year, while their plain URLs still work.
/// </summary>
public sealed class PageCompressionTests(WebFixture app) : WebTest(app)
{
    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0", null)]
    [InlineData("identity", null)]
    public async Task A_cached_page_is_compressed_as_the_browser_asks_and_decompresses_to_the_same_bytes(string acceptEncoding, string? expected)
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        const string url = "/shop?sort=name";
        await visitor.GetAsync(url);
        var plain = await visitor.Http.GetByteArrayAsync(url);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await visitor.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Age"), "from the cache");
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal(plain, ContentDecoding.Decode(body, expected));
        if (expected is not null)
        {
            Assert.True(body.Length < plain.Length / 3, $"{body.Length} compressed bytes for {plain.Length}");
        }
    }

    [Fact]
    public async Task Each_shopper_gets_their_own_count_in_the_compressed_page()
    {
        await CacheIsInUseAsync();
        var two = NewVisitor();
        var five = NewVisitor();
        await AddFromProductPage(two, "webcam-4k-ultra", "2");
        await AddFromProductPage(five, "webcam-4k-ultra", "5");
        await NewVisitor().GetAsync("/");
        await NewVisitor().GetAsync("/");

        foreach (var (visitor, count) in new[] { (two, 2), (five, 5), (NewVisitor(), 0), (two, 2) })
        {
            foreach (var coding in new[] { "br", "gzip" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/");
                request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
                using var response = await visitor.Http.SendAsync(request);
                Assert.True(response.Headers.Contains("Age"));
                Assert.Equal(coding, response.Content.Headers.ContentEncoding.Single());
                var html = Encoding.UTF8.GetString(ContentDecoding.Decode(await response.Content.ReadAsByteArrayAsync(), coding));
                Assert.DoesNotContain("<!--fs:", html, StringComparison.Ordinal);
                Assert.Equal(count, CartCount(new HtmlParser().ParseDocument(html)));
            }
        }
    }

    [Fact]
    public async Task A_flash_message_is_filled_in_but_never_compressed()
    {
        await CacheIsInUseAsync();
        var visitor = NewVisitor();
        await visitor.GetAsync("/product/webcam-4k-ultra");
        var product = await visitor.GetAsync("/product/webcam-4k-ultra");
        visitor.Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        // Back on the (cached) product page after the add, with the message: plain text, so the parser reads it.
        var page = await visitor.SubmitAsync(product, "#add-to-cart", new Dictionary<string, string> { ["quantity"] = "1" });
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));
        Assert.Empty(visitor.LastResponse.Content.Headers.ContentEncoding);
        Assert.Contains("Webcam 4K Ultra", Text(page, "#flash"), StringComparison.Ordinal);

        using var next = await visitor.Http.GetAsync("/product/webcam-4k-ultra");
        Assert.Equal("br", next.Content.Headers.ContentEncoding.Single());
    }

    [Theory]
    [InlineData("/cart")]
    [InlineData("/checkout")]
    [InlineData("/Account/Login")]
    public async Task Pages_with_a_token_or_personal_data_are_not_compressed(string url)
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "1");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var response = await visitor.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // BREACH: a secret (antiforgery token, a name, an address) next to text an attacker can make the page echo.
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Static_files_are_fingerprinted_and_immutable_and_their_plain_urls_still_work()
    {
        // The tests run in Development, where MapStaticAssets turns caching off so that edited files show at once;
        // this setting gives the production headers.
        using var production = App.Factory.WithWebHostBuilder(b => b.UseSetting("EnableStaticAssetsDevelopmentCaching", "true"));
        var visitor = new FakeShop.Testing.HtmlClient(production.CreateClient());
        var page = await visitor.GetAsync("/product/webcam-4k-ultra");
        var urls = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .Concat(page.QuerySelectorAll("img.product-hero").Select(i => i.GetAttribute("src")!))
            .ToList();

        Assert.Contains(urls, u => u.StartsWith("/lib/bootstrap/css/bootstrap.min.", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/img/products/webcam-4k-ultra.", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            Assert.Matches(@"\.[a-z0-9]{10}\.(css|js|svg)$", url);
            using var response = await visitor.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());

            var plainUrl = System.Text.RegularExpressions.Regex.Replace(url, @"\.[a-z0-9]{10}(\.(css|js|svg))$", "$1");
            using var plain = await visitor.Http.GetAsync(plainUrl);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.DoesNotContain("immutable", plain.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal(await response.Content.ReadAsByteArrayAsync(), await plain.Content.ReadAsByteArrayAsync());
        }

        // Compressed at build time (gzip; a publish adds Brotli), negotiated like the pages.
        using var css = new HttpRequestMessage(HttpMethod.Get, urls[0]);
        css.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var compressed = await visitor.Http.SendAsync(css);
        Assert.Equal("gzip", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
    }

    [Theory]
    [InlineData("", ContentCoding.None)]
    [InlineData("br", ContentCoding.Brotli)]
    [InlineData("GZIP", ContentCoding.Gzip)]
    [InlineData("gzip;q=0.5, br;q=0.0", ContentCoding.Gzip)]
    [InlineData("br;q=0.001", ContentCoding.Brotli)]
    [InlineData("gzip ; q=0 , identity", ContentCoding.None)]
    [InlineData("deflate, zstd, *", ContentCoding.None)]
    [InlineData("brotli, gzipped", ContentCoding.None)]
    public void Accept_encoding_is_read_as_rfc_9110_says(string header, ContentCoding expected) =>
        Assert.Equal(expected, AcceptEncoding.Choose(new StringValues(header)));

    private async Task CacheIsInUseAsync() =>
        Assert.True(await App.Factory.PageCacheInUseAsync(), "the catalogue change listener did not connect");
}
