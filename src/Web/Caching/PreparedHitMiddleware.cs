using FakeShop.Web.Infrastructure;
using Microsoft.AspNetCore.HttpsPolicy;

namespace FakeShop.Web.Caching;

/// <summary>
/// Answers a request for a prepared page (docs/decisions/0010, 0030) as early as the pipeline allows: right after the
/// forwarded headers, the management port and the language choice, ahead of the cookie policy, the no-store check,
/// the security headers' <c>OnStarting</c> callback and HSTS, none of which a hit needs in that form — it sets no
/// cookie, is not a personal page, and gets the security headers (and, on https, the HSTS header from the framework's
/// own middleware) set directly. Only the plain case is answered here: a visitor whose count is known without the
/// database and who has no flash message waiting (that needs TempData and a cookie deletion, which the cookie policy
/// must see). Everything else — a miss, a flash, a request the page cache may not share — goes on to the pipeline and
/// to <see cref="PageHoleMiddleware"/>, which asks the same questions again and answers as before.
/// </summary>
public sealed class PreparedHitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly CartCountCookie _carts;
    private readonly PageCachePolicy _policy;
    private readonly PreparedPages _prepared;
    private readonly CatalogGeneration _generation;
    private readonly PageCacheMetrics _metrics;

    // The framework's HSTS middleware with nothing behind it: the same checks (https, excluded hosts) and the same
    // header value as UseHsts later in the pipeline, without a copy of its rules here. Null where UseHsts is not used.
    private readonly HstsMiddleware? _hsts;

    public PreparedHitMiddleware(
        RequestDelegate next, CartCountCookie carts, PageCachePolicy policy, PreparedPages prepared, CatalogGeneration generation,
        PageCacheMetrics metrics, IWebHostEnvironment environment, IOptions<HstsOptions> hsts, ILoggerFactory loggers)
    {
        _next = next;
        _carts = carts;
        _policy = policy;
        _prepared = prepared;
        _generation = generation;
        _metrics = metrics;
        _hsts = ShopHost.UsesHsts(environment) ? new HstsMiddleware(static _ => Task.CompletedTask, hsts, loggers) : null;
    }

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!PageCachePolicy.IsCatalogPage(request) || FlashCookie.IsPresent(http) || !_carts.TryRead(request, out var count)
            || !_policy.MayShare(request)
            || !_prepared.TryGet(request, CultureInfo.CurrentUICulture.Name, _generation.Current, out var page))
        {
            return _next(http);
        }

        _metrics.Hit();
        SecurityHeadersMiddleware.Apply(http.Response.Headers);
        _hsts?.Invoke(http); // completes at once: its next does nothing
        return PageHoleMiddleware.ServePreparedAsync(http, page, new PageHoles(count, flash: null, flashError: null));
    }
}
