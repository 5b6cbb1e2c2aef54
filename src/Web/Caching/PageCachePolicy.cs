using System.Globalization;
using FakeShop.Web.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace FakeShop.Web.Caching;

/// <summary>
/// Which responses the page cache may store and serve: the public catalogue pages (home, catalogue, product) for a
/// visitor who carries nothing personal. Anything that could make the page different for one person — a cart, a
/// sign-in, a flash message, an Authorization header — sends the request past the cache to be rendered.
/// </summary>
public sealed class PageCachePolicy(CatalogGeneration generation, PageCacheSettings settings) : IOutputCachePolicy
{
    public const string Tag = "catalog";

    /// <summary>Cookies that do not change what a catalogue page shows (the language is part of the key).</summary>
    private static readonly string[] NeutralCookies = [ShopCultures.CookieName, "fs_af"];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var cacheable = settings.Enabled && IsCatalogPage(http.Request) && CarriesNothingPersonal(http.Request);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable)
        {
            return ValueTask.CompletedTask;
        }

        context.Tags.Add(Tag);
        context.ResponseExpirationTimeSpan = settings.Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues["generation"] = generation.Current.ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        // A page that set a cookie (a new visitor id, an antiforgery cookie) was personal after all.
        if (response.StatusCode != StatusCodes.Status200OK || !StringValuesIsEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static bool StringValuesIsEmpty(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0;

    private static bool IsCatalogPage(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        return path is "/" or "/shop"
            || (path.StartsWith("/product/", StringComparison.Ordinal) && path.IndexOf('/', "/product/".Length) < 0);
    }

    private static bool CarriesNothingPersonal(HttpRequest request)
    {
        if (request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return false;
        }

        foreach (var cookie in request.Cookies)
        {
            if (Array.IndexOf(NeutralCookies, cookie.Key) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
