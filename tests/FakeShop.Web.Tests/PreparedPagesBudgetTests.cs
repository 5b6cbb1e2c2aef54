using System.Text;
using FakeShop.Web.Caching;
using Microsoft.AspNetCore.Http;

namespace FakeShop.Web.Tests;

/// <summary>
/// The prepared pages live on a heap with a hard limit (ADR 16) and their keys (search text, badge counts) are chosen
/// by visitors, so what they hold — pages and their filled variants, plain and compressed — must stay within the page cache's size setting however many pages are asked for.
/// </summary>
public sealed class PreparedPagesBudgetTests
{
    [Fact]
    public void Pages_and_their_compressed_variants_stay_within_the_size_setting()
    {
        var prepared = new PreparedPages(new PageCacheSettings { SizeLimitMegabytes = 1 }, TimeProvider.System);
        var random = new Random(16);
        var peak = 0L;
        for (var i = 0; i < 100; i++)
        {
            // Incompressible text, so the compressed variants weigh about as much as the page.
            var text = new StringBuilder("<html><body>");
            for (var j = 0; j < 20_000; j++)
            {
                text.Append((char)('a' + random.Next(26)));
            }

            text.Append("<span>").Append(PageHoles.CartCountMarker).Append("</span></body></html>");
            var body = Encoding.UTF8.GetBytes(text.ToString());
            var request = new DefaultHttpContext().Request;
            request.Path = "/shop";
            request.QueryString = new QueryString($"?q=page{i}");
            prepared.Add(request, "pt-BR", 1, body, "text/html; charset=utf-8");

            Assert.True(prepared.TryGet(request, "pt-BR", 1, out var page));
            for (var count = 0; count <= PreparedPages.MaxKeptCount; count++)
            {
                page.Filled(count, ContentCoding.None);
                page.Filled(count, ContentCoding.Brotli);
                page.Filled(count, ContentCoding.Gzip);
                peak = Math.Max(peak, prepared.Bytes);
            }
        }

        // Without the budget this would be ~100 pages × 64 copies of 20 KB ≈ 128 MB.
        Assert.InRange(peak, 1, 1024 * 1024);
    }
}
