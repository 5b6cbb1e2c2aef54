using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace FakeShop.Web.Caching;

/// <summary>
/// Which responses the page cache may store and serve: the public catalogue pages (home, catalogue, product), for
/// every visitor whose personal parts — the cart badge and a flash message — <see cref="PageHoleMiddleware"/> can
/// fill in without rendering (<see cref="PageHoles"/>, docs/decisions/0008): anonymous visitors and shoppers whose
/// cart-count cookie opens. Anything else that could make the page differ for one person — a sign-in, an
/// Authorization header, a cart whose count is not known, any cookie we do not know — sends the request past the
/// cache to be rendered, as before. The key is the exact path and query, the language and the catalogue
/// generation, so a change to the catalogue is never answered with an older page.
/// </summary>
public sealed class PageCachePolicy(CatalogGeneration generation, PageCacheSettings settings, PageCacheMetrics metrics, IOptions<AntiforgeryOptions> antiforgery)
    : IOutputCachePolicy
{
    public const string Tag = "catalog";

    /// <summary>
    /// Cookies that do not change what a cached catalogue page holds: the language is part of the key; the cart and
    /// flash cookies only change what goes into the holes, and a request only gets holes when they could be read.
    /// </summary>
    private readonly string[] _neutralCookies =
    [
        ShopCultures.CookieName, antiforgery.Value.Cookie.Name ?? "fs_af", VisitorContext.CookieName, CartCountCookie.Name, FlashCookie.Name,
    ];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        if (!IsCatalogPage(request))
        {
            // Everything else (cart, checkout, orders, admin, images) is never looked up nor stored.
            context.EnableOutputCaching = false;
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }

        var cacheable = PageHoles.Of(context.HttpContext) is not null && MayShare(request);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Many visitors asking for the same missing page at once wait for one render instead of all rendering.
        context.AllowLocking = cacheable;
        if (!cacheable)
        {
            metrics.Bypassed();
            return ValueTask.CompletedTask;
        }

        context.Tags.Add(Tag);
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(settings.LifetimeSeconds);
        var vary = context.CacheVaryByRules.VaryByValues;
        // The exact path and query (the page echoes the query, e.g. the search box), not the default normalised key.
        vary["target"] = request.Path.Value + request.QueryString.Value;
        vary["culture"] = CultureInfo.CurrentUICulture.Name;
        vary["generation"] = generation.Current.ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        metrics.Hit();
        MarkShareable(context.HttpContext);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        if (!context.AllowCacheStorage)
        {
            return ValueTask.CompletedTask;
        }

        metrics.Missed();
        var response = context.HttpContext.Response;
        // Only a plain success is kept. A page that set a cookie (a new visitor id, an antiforgery cookie, a flash
        // being cleared) was personal after all; a 404 or an error page is not worth keeping.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        else
        {
            MarkShareable(context.HttpContext);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether this request may get, and give, the shared page: the cache is on and in step with the other replicas,
    /// and nothing in the request could make the page differ for one person. <see cref="PageHoleMiddleware"/> asks
    /// the same before it answers from <see cref="PreparedPages"/>.
    /// </summary>
    internal bool MayShare(HttpRequest request) => settings.Enabled && generation.IsTrusted && CarriesNothingPersonal(request);

    private static void MarkShareable(HttpContext http)
    {
        if (PageHoles.Of(http) is { } holes)
        {
            holes.Shareable = true;
        }
    }

    internal static bool IsCatalogPage(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path.Value;
        const string product = "/product/";
        return path is "/" or "/shop"
            || (path is not null && path.Length > product.Length && path.StartsWith(product, StringComparison.Ordinal)
                && path.IndexOf('/', product.Length) < 0);
    }

    private bool CarriesNothingPersonal(HttpRequest request)
    {
        if (request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return false;
        }

        foreach (var cookie in request.Cookies)
        {
            if (Array.IndexOf(_neutralCookies, cookie.Key) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
