using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using FakeShop.Web.Infrastructure;

namespace FakeShop.Web.Caching;

/// <summary>
/// Hole punching for the public pages (docs/decisions/0008). Runs just before the page cache: for a catalogue page
/// whose cart count is known without the database (no visitor cookie, or a cart-count cookie that opens for it), it
/// reads and clears the flash cookie, marks the request with <see cref="PageHoles"/> (the layout then writes markers,
/// and <see cref="PageCachePolicy"/> may serve and store the page for everyone), collects the body — from the cache
/// or from a render — and writes it out with this visitor's count and flash in place of the markers. No rendering,
/// no query: a scan of ≈ 20 KB for a 7-byte prefix and a copy.
/// </summary>
public sealed class PageHoleMiddleware(RequestDelegate next, CartCountCookie carts, ITempDataProvider tempData)
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
            flash = values.TryGetValue("Flash", out var f) ? f as string : null;
            flashError = values.TryGetValue("FlashError", out var e) ? e as string : null;
            cartLinks = values.TryGetValue(PageHoles.CartLinksKey, out var c) ? c as string : null;
            // Shown once: saving nothing deletes the cookie (this answer is then not stored, as any with a Set-Cookie).
            tempData.SaveTempData(http, new Dictionary<string, object>());
        }

        var holes = new PageHoles(count, flash, flashError, cartLinks);
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

        await FillAsync(http.Response, original, collector.Written, holes);
    }

    private static async Task FillAsync(HttpResponse response, IHttpResponseBodyFeature body, ReadOnlyMemory<byte> page, PageHoles holes)
    {
        if (page.IsEmpty)
        {
            return;
        }

        var countBytes = Encoding.ASCII.GetBytes(holes.CartCount.ToString(CultureInfo.InvariantCulture));
        var flashBytes = holes.Flash is null && holes.FlashError is null ? [] : Encoding.UTF8.GetBytes(PageHoles.FlashHtml(holes.Flash, holes.FlashError, holes.FlashCartLinks));
        // Two passes over the same markers: the length first (Content-Length), then the bytes.
        response.ContentLength = Fill(page.Span, countBytes, flashBytes, null);
        Fill(page.Span, countBytes, flashBytes, body.Writer);
        await body.Writer.FlushAsync(response.HttpContext.RequestAborted);
    }

    private static long Fill(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> count, ReadOnlySpan<byte> flash, IBufferWriter<byte>? output)
    {
        long length = 0;
        while (!rest.IsEmpty)
        {
            var at = rest.IndexOf(PageHoles.Prefix);
            if (at < 0)
            {
                Emit(rest);
                break;
            }

            Emit(rest[..at]);
            rest = rest[at..];
            if (rest.StartsWith(PageHoles.CartCountBytes))
            {
                Emit(count);
                rest = rest[PageHoles.CartCountBytes.Length..];
            }
            else if (rest.StartsWith(PageHoles.FlashBytes))
            {
                Emit(flash);
                rest = rest[PageHoles.FlashBytes.Length..];
            }
            else
            {
                Emit(rest[..PageHoles.Prefix.Length]);
                rest = rest[PageHoles.Prefix.Length..];
            }
        }

        return length;

        void Emit(ReadOnlySpan<byte> bytes)
        {
            length += bytes.Length;
            if (output is not null && !bytes.IsEmpty)
            {
                output.Write(bytes);
            }
        }
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

        PipeWriter IHttpResponseBodyFeature.Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

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
            if (_length + buffer.Length > _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            buffer.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
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
