using System.Security.Cryptography;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Identifies an anonymous visitor by a random 128-bit id in a Data Protection–sealed cookie. The id cannot be
/// guessed or forged, and because the key ring lives in the database every replica can read it.
/// </summary>
public sealed class VisitorContext(IHttpContextAccessor accessor, VisitorCookieSeal seal)
{
    public const string CookieName = "fs_visitor";

    private const string IssuedKey = "FakeShop.Visitor.Issued";

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No HTTP request.");

    /// <summary>
    /// The sealed cookie value this visitor will present on their next request: the one issued in this response, or
    /// else the one they sent. The cart-count cookie is bound to it (<see cref="Caching.CartCountCookie"/>).
    /// </summary>
    public string? CookieValue =>
        Http.Items.TryGetValue(IssuedKey, out var issued) && issued is string value ? value
        : Http.Request.Cookies.TryGetValue(CookieName, out var sent) && !string.IsNullOrEmpty(sent) ? sent
        : null;

    /// <summary>The visitor's id, or null when there is no cookie or it was tampered with.</summary>
    public Guid? VisitorId
    {
        get
        {
            if (Http.Items.TryGetValue(CookieName, out var cached) && cached is Guid id)
            {
                return id;
            }

            if (!Http.Request.Cookies.TryGetValue(CookieName, out var sealedValue) || string.IsNullOrEmpty(sealedValue))
            {
                return null;
            }

            if (seal.Open(sealedValue) is not { } visitor)
            {
                return null;
            }

            Http.Items[CookieName] = visitor;
            return visitor;
        }
    }

    /// <summary>The visitor's id, issuing a new cookie first if the visitor has none (or a forged one).</summary>
    public Guid EnsureVisitorId()
    {
        if (VisitorId is { } existing)
        {
            return existing;
        }

        var id = new Guid(RandomNumberGenerator.GetBytes(16));
        var sealedValue = seal.Seal(id);
        Http.Response.Cookies.Append(CookieName, sealedValue, CookieOptionsFor(Http.Request));
        Http.Items[CookieName] = id;
        Http.Items[IssuedKey] = sealedValue;
        return id;
    }

    /// <summary>
    /// The visitor cookie's options, shared by the cookies that belong to it (the cart count, ADR 8): they must live
    /// exactly as long and travel under the same rules, or a badge would outlive the cart it counts.
    /// </summary>
    public static CookieOptions CookieOptionsFor(HttpRequest request) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        MaxAge = TimeSpan.FromDays(30),
        Path = "/",
    };
}
