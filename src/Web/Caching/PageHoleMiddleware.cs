using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Net.Http.Headers;

namespace FakeShop.Web.Caching;

/// <summary>
/// Hole punching for the public pages (docs/decisions/0008). Runs just before the page cache: for a catalogue page
/// whose cart count is known without the database (no visitor cookie, or a cart-count cookie that opens for it), it
/// reads and clears the flash cookie, marks the request with <see cref="PageHoles"/> (the layout then writes markers,
/// and <see cref="PageCachePolicy"/> may serve and store the page for everyone), collects the body — from the cache
/// or from a render — and writes it out with this visitor's count and flash in place of the markers. No rendering,
/// no query. A page the cache already served once is answered from <see cref="PreparedPages"/> without the
/// output-cache middleware, compressed when the browser accepts it (docs/decisions/0010).
/// </summary>
public sealed class PageHoleMiddleware(
    RequestDelegate next, CartCountCookie carts, ITempDataProvider tempData, PageCachePolicy policy, PreparedPages prepared,
    CatalogGeneration generation, PageCacheMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!PageCachePolicy.IsCatalogPage(http.Request) || !carts.TryRead(http.Request, out var count))
        {
            await next(http);
            return;
        }

        string? flash = null, flashError = null, cartLinks = null;
        if (FlashCookie.IsPresent(http))
        {
            var values = tempData.LoadTempData(http);
            flash = values.TryGetValue(FlashCookie.SuccessKey, out var f) ? f as string : null;
            flashError = values.TryGetValue(FlashCookie.ErrorKey, out var e) ? e as string : null;
            cartLinks = values.TryGetValue(PageHoles.CartLinksKey, out var c) ? c as string : null;
            // Shown once: saving nothing deletes the cookie (this answer is then not stored, as any with a Set-Cookie).
            tempData.SaveTempData(http, new Dictionary<string, object>());
        }

        var holes = new PageHoles(count, flash, flashError, cartLinks);
        var culture = CultureInfo.CurrentUICulture.Name;
        var currentGeneration = generation.Current;
        // The same conditions and key as the page cache's own lookup (PageCachePolicy).
        var mayShare = policy.MayShare(http.Request);
        if (mayShare && prepared.TryGet(http.Request, culture, currentGeneration, out var page))
        {
            metrics.Hit();
            await ServePreparedAsync(http, page, holes);
            return;
        }

        http.Features.Set(holes);
        var original = http.Features.Get<IHttpResponseBodyFeature>()!;
        await using var collector = new CollectingBody();
        http.Features.Set<IHttpResponseBodyFeature>(collector);
        try
        {
            await next(http);
            await collector.FlushWriterAsync();
        }
        finally
        {
            http.Features.Set(original);
        }

        // Only what the page cache itself served or stored (marked by PageCachePolicy), under the generation it was
        // keyed by: never a page rendered for someone the cache passed by.
        if (mayShare && holes.Shareable && HttpMethods.IsGet(http.Request.Method) && http.Response.StatusCode == StatusCodes.Status200OK && !collector.Written.IsEmpty
            && generation.Current == currentGeneration)
        {
            prepared.Add(http.Request, culture, currentGeneration, collector.Written.Span, http.Response.ContentType);
        }

        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        await FillAsync(http.Response, original, collector.Written, holes);
    }

    internal static async Task ServePreparedAsync(HttpContext http, PreparedPages.Page page, PageHoles holes)
    {
        var response = http.Response;
        var headers = response.Headers;
        response.StatusCode = StatusCodes.Status200OK;
        headers.ContentType = page.ContentType;
        headers.Age = AgeText(page.AgeSeconds);
        headers.Vary = HeaderNames.AcceptEncoding;
        var head = HttpMethods.IsHead(http.Request.Method);
        // A flash message is this visitor's own: it is never kept (nor compressed), only filled in for this answer.
        var kept = holes.Flash is null && holes.FlashError is null && holes.CartCount <= PreparedPages.MaxKeptCount;
        ReadOnlyMemory<byte> body;
        if (kept)
        {
            var coding = AcceptEncoding.Choose(http.Request.Headers.AcceptEncoding);
            if (coding != ContentCoding.None)
            {
                headers.ContentEncoding = coding == ContentCoding.Brotli ? "br" : "gzip";
            }

            body = page.Filled(holes.CartCount, coding);
        }
        else
        {
            body = FillForThisAnswer(page.Body, page.Parts, holes);
        }

        response.ContentLength = body.Length;
        if (!head)
        {
            // One write of the whole page before the response has started: Kestrel writes the headers and the body into
            // its pipe in one go and sends them together (writing through GetSpan/Advance first copied the body into
            // blocks held aside until the headers were known, then once more behind them).
            await response.BodyWriter.WriteAsync(body, http.RequestAborted);
        }
    }

    // The Age header's text per second of a page's life (PageCache:LifetimeSeconds is at most 3600): one string per
    // value for the life of the process instead of one per hit.
    private static readonly string?[] AgeTexts = new string?[3601];

    internal static string AgeText(int seconds) =>
        (uint)seconds < (uint)AgeTexts.Length
            ? AgeTexts[seconds] ??= seconds.ToString(CultureInfo.InvariantCulture)
            : seconds.ToString(CultureInfo.InvariantCulture);

    private static byte[] FlashBytes(PageHoles holes) =>
        holes.Flash is null && holes.FlashError is null ? [] : Encoding.UTF8.GetBytes(PageHoles.FlashHtml(holes.Flash, holes.FlashError, holes.FlashCartLinks));

    /// <summary>The page with this visitor's count and flash in its holes, for this answer only (nothing is kept).</summary>
    private static ReadOnlyMemory<byte> FillForThisAnswer(ReadOnlySpan<byte> page, (int Start, int Length, PreparedPages.Hole? After)[] parts, PageHoles holes)
    {
        var countBytes = Encoding.ASCII.GetBytes(holes.CartCount.ToString(CultureInfo.InvariantCulture));
        var flashBytes = FlashBytes(holes);
        var filled = new ArrayBufferWriter<byte>((int)PreparedPages.Page.FilledLength(parts, countBytes.Length, flashBytes.Length));
        PreparedPages.Page.WriteFilled(page, parts, filled, countBytes, flashBytes);
        return filled.WrittenMemory;
    }

    private static async Task FillAsync(HttpResponse response, IHttpResponseBodyFeature body, ReadOnlyMemory<byte> page, PageHoles holes)
    {
        if (page.IsEmpty)
        {
            return;
        }

        // The markers are read once (as for a prepared page), the page filled, then written in one go (see above).
        var filled = FillForThisAnswer(page.Span, PreparedPages.Page.SplitAtHoles(page.Span), holes);
        response.ContentLength = filled.Length;
        await body.Writer.WriteAsync(filled, response.HttpContext.RequestAborted);
    }

    /// <summary>
    /// Stands in for the response body while the page is produced: everything written (by Razor through the stream,
    /// by the page cache through the pipe) lands in one pooled buffer, and the response is not started, so its headers
    /// can still change until the filled page goes out.
    /// </summary>
    private sealed class CollectingBody : Stream, IHttpResponseBodyFeature
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        private int _length;
        private PipeWriter? _writer;

        public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

        Stream IHttpResponseBodyFeature.Stream => this;

        // The page cache writes a hit through the pipe: straight into the buffer, with no stream pipe in between
        // (which allocated its own buffers and copied every byte once more).
        PipeWriter IHttpResponseBodyFeature.Writer => _writer ??= new BufferPipeWriter(this);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public async Task FlushWriterAsync()
        {
            if (_writer is not null)
            {
                await _writer.FlushAsync();
            }
        }

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
        {
            await using var file = File.OpenRead(path);
            file.Seek(offset, SeekOrigin.Begin);
            var remaining = count ?? (file.Length - offset);
            var chunk = new byte[16 * 1024];
            while (remaining > 0)
            {
                var read = await file.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                Write(chunk, 0, read);
                remaining -= read;
            }
        }

        public Task CompleteAsync() => FlushWriterAsync();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            buffer.CopyTo(Reserve(buffer.Length).Span);
            _length += buffer.Length;
        }

        private Memory<byte> Reserve(int size)
        {
            size = Math.Max(size, 1);
            if (_length + size > _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            return _buffer.AsMemory(_length);
        }

        private sealed class BufferPipeWriter(CollectingBody body) : PipeWriter
        {
            public override void Advance(int bytes) => body._length += bytes;

            public override Memory<byte> GetMemory(int sizeHint = 0) => body.Reserve(sizeHint);

            public override Span<byte> GetSpan(int sizeHint = 0) => body.Reserve(sizeHint).Span;

            public override void CancelPendingFlush()
            {
            }

            public override void Complete(Exception? exception = null)
            {
            }

            public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(default(FlushResult));
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            if (_writer is not null)
            {
                await _writer.CompleteAsync();
                _writer = null;
            }

            var buffer = Interlocked.Exchange(ref _buffer, []);
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await base.DisposeAsync();
        }
    }
}
