using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace FakeShop.Web.Caching;

/// <summary>
/// <c>fs_cart</c>: the number on the cart badge, sealed with Data Protection and bound to the visitor cookie it was
/// written for (docs/decisions/0008). Every cart change rewrites it in its response, so the very next page shows the
/// new number on whichever replica answers (the key ring is shared through the database), without a query. The page
/// cache serves a shopper whose cookie opens; a missing, forged or stale one (written for another visitor cookie)
/// sends the page to be rendered, which counts in the database and writes the cookie again.
/// </summary>
public sealed class CartCountCookie(IDataProtectionProvider protection)
{
    public const string Name = "fs_cart";

    private const int HashLength = 16;

    private readonly IDataProtector _protector = protection.CreateProtector("FakeShop.CartCount.v1");

    /// <summary>
    /// Sealed values this process opened (or wrote) → the visitor cookie they belong to and the count inside: a shopper
    /// sends the same value until the next cart change (see <see cref="OpenedCookieMemo{T}"/>). Nothing is served from
    /// it: a value is only ever compared with what the same browser sends again.
    /// </summary>
    private readonly OpenedCookieMemo<Opened> _opened = new();

    /// <summary>
    /// The badge count this request may be shown without asking the database: 0 without a visitor cookie (no cart),
    /// else what the cart cookie says if it opens and belongs to that visitor cookie. False: not known, count it.
    /// </summary>
    public bool TryRead(HttpRequest request, out int count)
    {
        count = 0;
        if (!request.Cookies.TryGetValue(VisitorContext.CookieName, out var visitor) || string.IsNullOrEmpty(visitor))
        {
            return true;
        }

        if (!request.Cookies.TryGetValue(Name, out var sealedValue) || string.IsNullOrEmpty(sealedValue))
        {
            return false;
        }

        if (_opened.TryGet(sealedValue, out var known))
        {
            // Bound to the visitor cookie it was written for, exactly as the sealed hash below checks it.
            count = known.Visitor == visitor ? known.Count : 0;
            return known.Visitor == visitor;
        }

        if (!_protector.TryOpen(sealedValue, out var payload) || payload.Length != sizeof(int) + HashLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashLength];
        VisitorHash(visitor, expected);
        if (!expected.SequenceEqual(payload.AsSpan(sizeof(int))))
        {
            return false;
        }

        count = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (count < 0)
        {
            count = 0;
            return false;
        }

        Remember(sealedValue, visitor, count);
        return true;
    }

    /// <summary>Writes the count for the visitor cookie the browser will send next (a new one issued in this response included).</summary>
    public void Write(HttpContext http, VisitorContext visitor, int count)
    {
        if (http.Response.HasStarted || visitor.CookieValue is not { } visitorCookie)
        {
            return;
        }

        var payload = new byte[sizeof(int) + HashLength];
        BinaryPrimitives.WriteInt32LittleEndian(payload, Math.Max(count, 0));
        VisitorHash(visitorCookie, payload.AsSpan(sizeof(int)));
        var sealedValue = _protector.Seal(payload);
        http.Response.Cookies.Append(Name, sealedValue, VisitorContext.CookieOptionsFor(http.Request));
        Remember(sealedValue, visitorCookie, Math.Max(count, 0));
    }

    private void Remember(string sealedValue, string visitor, int count) => _opened.Remember(sealedValue, new Opened(visitor, count));

    private sealed record Opened(string Visitor, int Count);

    /// <summary>Rewrites the cookie only when it does not already say <paramref name="count"/> for this visitor.</summary>
    public void Sync(HttpContext http, VisitorContext visitor, int count)
    {
        var next = visitor.CookieValue;
        if (next is null)
        {
            return;
        }

        var unchanged = http.Request.Cookies.TryGetValue(VisitorContext.CookieName, out var sent) && sent == next
            && TryRead(http.Request, out var known) && known == count;
        if (!unchanged)
        {
            Write(http, visitor, count);
        }
    }

    private static void VisitorHash(string visitorCookie, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        // A sealed visitor cookie is base64url (ASCII, about 120 characters): encoded on the stack, not in a new array
        // per post; a longer one (not ours) still hashes, from the heap.
        var length = visitorCookie.Length; // ASCII: one byte per character ('?' for any other)
        var ascii = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.ASCII.GetBytes(visitorCookie, ascii);
        SHA256.HashData(ascii, hash);
        hash[..HashLength].CopyTo(destination);
    }
}
