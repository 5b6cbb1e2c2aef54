using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using FakeShop.Web.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeShop.Web.Tests;

/// <summary>
/// A page-cache hit goes out as one write of one array (docs/decisions/0010, docs/performance.md "Page cache and
/// static files"): the page filled with the badge count (and compressed) is kept per count, so Kestrel gets the whole
/// body at once, before the response has started, and writes headers and body together. Filling the holes through
/// GetSpan/Advance made Kestrel hold the body aside until the headers were known and copy it once more (≈ 12 % of a
/// hit). What goes out is unchanged: the visitor's own count, a flash message filled in and never kept nor compressed.
/// </summary>
public sealed class PreparedPageWriteTests
{
    private const string Html = "<html><nav><span class=\"badge\">" + PageHoles.CartCountMarker + "</span></nav><main>"
        + PageHoles.FlashMarker + "<p>Catálogo</p></main></html>";

    [Theory]
    [InlineData(0, null)]
    [InlineData(3, null)]
    [InlineData(3, "br")]
    [InlineData(3, "gzip")]
    [InlineData(20, "br")]
    public async Task A_hit_is_one_write_of_the_page_filled_for_that_count_and_kept_for_the_next_visitor(int count, string? coding)
    {
        var (prepared, page) = Prepare();
        var first = await ServeAsync(page, new PageHoles(count, null, null), coding);
        var afterFirst = prepared.Bytes;
        var second = await ServeAsync(page, new PageHoles(count, null, null), coding);

        foreach (var answer in new[] { first, second })
        {
            var write = Assert.Single(answer.Writer.Writes);
            Assert.Equal(0, answer.Writer.SpansAsked);
            Assert.Equal(0, answer.Writer.Advanced);
            Assert.Equal(write.Length, answer.Http.Response.ContentLength);
            Assert.Equal(coding, answer.Http.Response.Headers.ContentEncoding.SingleOrDefault());
            Assert.Equal(Filled(count, string.Empty), Encoding.UTF8.GetString(ContentDecoding.Decode(write, coding)));
        }

        // Kept: the second visitor with that count costs no fill and no memory.
        Assert.Equal(afterFirst, prepared.Bytes);
        Assert.Same(page.Filled(count, Coding(coding)), page.Filled(count, Coding(coding)));
    }

    [Theory]
    [InlineData(2, "Produto adicionado", null)]
    [InlineData(PreparedPages.MaxKeptCount + 5, null, null)]
    [InlineData(PreparedPages.MaxKeptCount + 5, null, "Sem estoque <b>")]
    public async Task A_flash_message_or_a_count_past_the_kept_ones_is_filled_for_that_answer_alone_in_one_write(int count, string? flash, string? error)
    {
        var (prepared, page) = Prepare();
        var before = prepared.Bytes;

        var answer = await ServeAsync(page, new PageHoles(count, flash, error), "br");

        var write = Assert.Single(answer.Writer.Writes);
        Assert.Equal(0, answer.Writer.SpansAsked);
        Assert.Equal(write.Length, answer.Http.Response.ContentLength);
        Assert.Equal(0, answer.Http.Response.Headers.ContentEncoding.Count);
        Assert.Equal(Filled(count, PageHoles.FlashHtml(flash, error)), Encoding.UTF8.GetString(write));
        Assert.Equal(before, prepared.Bytes);
    }

    [Fact]
    public async Task A_head_request_gets_the_length_and_no_body()
    {
        var (_, page) = Prepare();
        var answer = await ServeAsync(page, new PageHoles(4, null, null), null, HttpMethods.Head);

        Assert.Empty(answer.Writer.Writes);
        Assert.Equal(0, answer.Writer.Advanced);
        Assert.Equal(Encoding.UTF8.GetByteCount(Filled(4, string.Empty)), answer.Http.Response.ContentLength);
    }

    private static string Filled(int count, string flash) =>
        Html.Replace(PageHoles.CartCountMarker, count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(PageHoles.FlashMarker, flash, StringComparison.Ordinal);

    private static (PreparedPages Prepared, PreparedPages.Page Page) Prepare()
    {
        var prepared = new PreparedPages(new PageCacheSettings(), TimeProvider.System);
        var request = new DefaultHttpContext().Request;
        request.Path = "/shop";
        prepared.Add(request, "pt-BR", 1, Encoding.UTF8.GetBytes(Html), "text/html; charset=utf-8");
        Assert.True(prepared.TryGet(request, "pt-BR", 1, out var page));
        return (prepared, page);
    }

    private static async Task<(DefaultHttpContext Http, RecordingWriter Writer)> ServeAsync(PreparedPages.Page page, PageHoles holes, string? acceptEncoding, string method = "GET")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = "/shop";
        if (acceptEncoding is not null)
        {
            http.Request.Headers.AcceptEncoding = acceptEncoding;
        }

        var writer = new RecordingWriter();
        http.Features.Set<IHttpResponseBodyFeature>(new RecordingBody(writer));
        await PageHoleMiddleware.ServePreparedAsync(http, page, holes);
        return (http, writer);
    }

    private static ContentCoding Coding(string? coding) => coding switch
    {
        "br" => ContentCoding.Brotli,
        "gzip" => ContentCoding.Gzip,
        _ => ContentCoding.None,
    };

    private sealed class RecordingBody(RecordingWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream => throw new NotSupportedException("the page goes through the pipe");

        public PipeWriter Writer => writer;

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CompleteAsync() => Task.CompletedTask;
    }

    /// <summary>Records how the body arrives: whole writes, or spans asked for and advanced.</summary>
    private sealed class RecordingWriter : PipeWriter
    {
        public List<byte[]> Writes { get; } = [];

        public int SpansAsked { get; private set; }

        public int Advanced { get; private set; }

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            Writes.Add(source.ToArray());
            return ValueTask.FromResult(default(FlushResult));
        }

        public override void Advance(int bytes) => Advanced += bytes;

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            SpansAsked++;
            return new byte[Math.Max(sizeHint, 4096)];
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(default(FlushResult));
    }
}
