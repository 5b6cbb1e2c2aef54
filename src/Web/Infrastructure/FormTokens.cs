using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// The antiforgery tokens of a rendered page's forms (<see cref="IAntiforgery.GetAndStoreTokens"/>), remembered per
/// antiforgery cookie for visitors who are not signed in. The framework opens the cookie token (Data Protection
/// unprotect + deserialise) and seals a fresh request token (protect) on every page view: ≈ 5 % of the cart page's CPU
/// (perf under bench load, docs/performance.md). For a visitor who is not signed in, the request token holds nothing
/// but the cookie token's security token (no user name, no claim id, no additional data: the shop registers no
/// <see cref="IAntiforgeryAdditionalDataProvider"/>), so the token the framework made for a cookie is as valid for the
/// next view with that cookie as a new one would be; validation of the posts is the framework's, unchanged.
/// </summary>
/// <remarks>
/// Only a token the framework issued for a cookie it accepted (it kept that cookie: no new cookie token) is
/// remembered, keyed by the exact cookie string the browser sent, so a token is only ever handed to a request that
/// presents that very cookie — as <see cref="OpenedCookieMemo{T}"/> does for the shop's own cookies. A signed-in user
/// always goes to the framework (their token carries their identity), and so does a response whose cache headers were
/// already set (the framework then decides what to override and logs it) or that has started. Rendered pages are
/// never compressed (ADR 10), so a repeated token gives a BREACH-style attack nothing it did not have.
/// </remarks>
public sealed class FormTokens(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> options)
{
    private readonly OpenedCookieMemo<AntiforgeryTokenSet> _issued = new();

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext http)
    {
        var cookie = Reusable(http);
        if (cookie is not null && _issued.TryGet(cookie, out var known))
        {
            // What the framework does for a page with a cookie token it keeps: no cookie written, the response not cached.
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers.Pragma = "no-cache";
            return known;
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        if (cookie is not null && tokens.CookieToken is null)
        {
            _issued.Remember(cookie, tokens);
        }

        return tokens;
    }

    /// <summary>The antiforgery cookie sent, when this request's tokens may come from (or go into) the memo; else null.</summary>
    private string? Reusable(HttpContext http)
    {
        var o = options.Value;
        if (http.Response.HasStarted
            || (o.Cookie.SecurePolicy == CookieSecurePolicy.Always && !http.Request.IsHttps)
            || http.Response.Headers.ContainsKey(HeaderNames.CacheControl)
            || http.Response.Headers.ContainsKey(HeaderNames.Pragma)
            || http.User.Identities.Any(i => i.IsAuthenticated)
            || o.Cookie.Name is not { } name
            || !http.Request.Cookies.TryGetValue(name, out var cookie)
            || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        return cookie;
    }
}
