using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Compression;

namespace FakeShop.Web.Caching;

/// <summary>
/// The page cache's hits in the form they are served (docs/decisions/0010): each shareable catalogue page as it came
/// out of the page cache — markers and all, nothing personal — split at its holes, plus, per cart count, the
/// filled page kept as it goes out: plain, and compressed once with Brotli and gzip. <see cref="PageHoleMiddleware"/> answers a hit from here
/// without the output-cache middleware (key building, entry deserialisation, a copy into a collecting buffer, a
/// scan for markers): a dictionary lookup and one write of bytes filled (and compressed) long before.
/// An entry is only ever made from a response the page cache itself served or stored (<see cref="PageHoles.Shareable"/>),
/// and it is only used under the same conditions and key as the page cache: same target, language and catalogue
/// generation, within the cache lifetime.
/// </summary>
public sealed class PreparedPages(PageCacheSettings settings, TimeProvider time)
{
    /// <summary>Pages kept at most; past it the set starts over (search queries make the number of pages unbounded).</summary>
    internal const int Capacity = 512;

    /// <summary>
    /// Filled variants (plain and compressed) are kept for badge counts up to this; larger carts get the page filled
    /// for their answer alone, uncompressed.
    /// </summary>
    internal const int MaxKeptCount = 20;

    private readonly ConcurrentDictionary<(string Path, string Query, string Culture), Page> _pages = new();

    // The bytes held (pages and their compressed variants), bounded by the page cache's own size setting: search
    // queries and badge counts are chosen by visitors, so without a budget they could fill the heap, which has a hard
    // limit (ADR 16) — an out-of-memory stop would be a denial of service.
    private long _bytes;

    internal long Bytes => Interlocked.Read(ref _bytes);

    private long Budget => (long)settings.SizeLimitMegabytes * 1024 * 1024;

    public bool TryGet(HttpRequest request, string culture, long generation, out Page page)
    {
        if (_pages.TryGetValue((request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, culture), out page!)
            && page.Generation == generation && time.GetTimestamp() < page.ExpiresAt)
        {
            return true;
        }

        page = null!;
        return false;
    }

    public void Add(HttpRequest request, string culture, long generation, ReadOnlySpan<byte> body, string? contentType)
    {
        if (_pages.Count >= Capacity || Bytes + body.Length > Budget)
        {
            StartOver();
        }

        var now = time.GetTimestamp();
        var lifetime = (long)(settings.LifetimeSeconds * (double)time.TimestampFrequency);
        _pages[(request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, culture)] =
            new Page(body.ToArray(), contentType ?? "text/html; charset=utf-8", generation, now, now + lifetime, time, this);
        Account(body.Length);
    }

    private void StartOver()
    {
        _pages.Clear();
        Interlocked.Exchange(ref _bytes, 0);
    }

    private void Account(long bytes)
    {
        // A page dropped by StartOver may still finish compressing and count here: the figure errs high, never low.
        if (Interlocked.Add(ref _bytes, bytes) > Budget)
        {
            StartOver();
        }
    }

    public enum Hole
    {
        CartCount,
        Flash,
    }

    public sealed class Page
    {
        private readonly ConcurrentDictionary<(int Count, ContentCoding Coding), byte[]> _filled = new();
        private readonly TimeProvider _time;
        private readonly long _storedAt;
        private readonly PreparedPages _owner;

        internal Page(byte[] body, string contentType, long generation, long storedAt, long expiresAt, TimeProvider time,
            PreparedPages owner)
        {
            _owner = owner;
            Body = body;
            ContentType = contentType;
            Generation = generation;
            ExpiresAt = expiresAt;
            _storedAt = storedAt;
            _time = time;
            Parts = SplitAtHoles(body);
        }

        /// <summary>The page as the page cache holds it: markers, never a count or a message.</summary>
        public byte[] Body { get; }

        public string ContentType { get; }

        public long Generation { get; }

        public long ExpiresAt { get; }

        /// <summary>Text runs between holes: (start, length in <see cref="Body"/>, the hole after it, if any).</summary>
        internal (int Start, int Length, Hole? After)[] Parts { get; }

        public int AgeSeconds => (int)_time.GetElapsedTime(_storedAt).TotalSeconds;

        /// <summary>Writes the page with these values in its holes.</summary>
        private void WriteFilled(IBufferWriter<byte> output, ReadOnlySpan<byte> count, ReadOnlySpan<byte> flash) =>
            WriteFilled(Body, Parts, output, count, flash);

        /// <summary>
        /// A page's text runs between its holes: the one reading of the markers, for a prepared page and for a page
        /// the middleware fills on its way out.
        /// </summary>
        internal static (int Start, int Length, Hole? After)[] SplitAtHoles(ReadOnlySpan<byte> body)
        {
            var parts = new List<(int Start, int Length, Hole? After)>();
            var rest = body;
            var offset = 0;
            while (true)
            {
                var at = rest.IndexOf(PageHoles.Prefix);
                var hole = at < 0 ? (Hole?)null
                    : rest[at..].StartsWith(PageHoles.CartCountBytes) ? Hole.CartCount
                    : rest[at..].StartsWith(PageHoles.FlashBytes) ? Hole.Flash
                    : null;
                if (at < 0)
                {
                    AppendText(parts, offset, rest.Length);
                    break;
                }

                if (hole is null)
                {
                    // Not one of ours: it stays in the text.
                    var skip = at + PageHoles.Prefix.Length;
                    AppendText(parts, offset, skip);
                    offset += skip;
                    rest = rest[skip..];
                    continue;
                }

                var marker = hole == Hole.CartCount ? PageHoles.CartCountBytes.Length : PageHoles.FlashBytes.Length;
                AppendText(parts, offset, at, hole);
                offset += at + marker;
                rest = rest[(at + marker)..];
            }

            return [.. parts];
        }

        internal static long FilledLength((int Start, int Length, Hole? After)[] parts, int countLength, int flashLength)
        {
            long length = 0;
            foreach (var (_, partLength, after) in parts)
            {
                length += partLength + after switch { Hole.CartCount => countLength, Hole.Flash => flashLength, _ => 0 };
            }

            return length;
        }

        internal static void WriteFilled(ReadOnlySpan<byte> body, (int Start, int Length, Hole? After)[] parts, IBufferWriter<byte> output,
            ReadOnlySpan<byte> count, ReadOnlySpan<byte> flash)
        {
            foreach (var (start, length, after) in parts)
            {
                output.Write(body.Slice(start, length));
                if (after == Hole.CartCount)
                {
                    output.Write(count);
                }
                else if (after == Hole.Flash && !flash.IsEmpty)
                {
                    output.Write(flash);
                }
            }
        }

        /// <summary>
        /// The page for this badge count and no flash message, filled in and, for a coding other than
        /// <see cref="ContentCoding.None"/>, compressed: made once per count and coding, from shared bytes and a number —
        /// the same for every visitor with that many items, so nothing personal. A hit is then one write of one array
        /// (docs/decisions/0010): filling the holes into Kestrel's pipe on every request, before the response had
        /// started, cost a copy into the pipe's blocks and a second copy behind the headers, ≈ 12 % of a hit.
        /// </summary>
        public byte[] Filled(int count, ContentCoding coding) =>
            _filled.GetOrAdd((count, coding), static (key, page) => page.Fill(key.Count, key.Coding), this);

        private byte[] Fill(int count, ContentCoding coding)
        {
            var countBytes = System.Text.Encoding.ASCII.GetBytes(count.ToString(CultureInfo.InvariantCulture));
            var plain = new ArrayBufferWriter<byte>(Body.Length + 16);
            WriteFilled(plain, countBytes, []);
            byte[] filled;
            if (coding == ContentCoding.None)
            {
                filled = plain.WrittenSpan.ToArray();
            }
            else
            {
                using var output = new MemoryStream(Body.Length / 3);
                using (Stream compressor = coding == ContentCoding.Brotli
                    ? new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)
                    : new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                {
                    compressor.Write(plain.WrittenSpan);
                }

                filled = output.ToArray();
            }

            _owner.Account(filled.Length);
            return filled;
        }

        private static void AppendText(List<(int Start, int Length, Hole? After)> parts, int start, int length, Hole? after = null)
        {
            // A foreign "<!--fs:" joins the text run before it, so runs stay few.
            if (parts.Count > 0 && parts[^1].After is null && parts[^1].Start + parts[^1].Length == start)
            {
                parts[^1] = (parts[^1].Start, parts[^1].Length + length, after);
                return;
            }

            parts.Add((start, length, after));
        }
    }
}

/// <summary>The content codings the public pages are served in, besides identity.</summary>
public enum ContentCoding
{
    None,
    Brotli,
    Gzip,
}
