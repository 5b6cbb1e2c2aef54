using Microsoft.AspNetCore.Components;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Static files under content-based (fingerprinted) URLs, served with <c>Cache-Control: public, max-age=31536000,
/// immutable</c> (issue 13 item 8, docs/decisions/0010). The layout's <c>~/</c> links get theirs from Razor; a URL
/// that comes from data (a product's picture) gets it here. The plain URL keeps working, revalidated instead.
/// </summary>
public static class StaticAssetUrls
{
    internal const string Immutable = "max-age=31536000, immutable";

    internal const string PublicImmutable = "public, max-age=31536000, immutable";

    /// <summary>The fingerprinted URL of a static file of the site, or <paramref name="url"/> itself for anything else (an upload, another site).</summary>
    public static string Resolve(HttpContext http, string url)
    {
        if (url.Length < 2 || url[0] != '/' || url[1] == '/')
        {
            return url;
        }

        var assets = http.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>();
        if (assets is null)
        {
            return url;
        }

        var key = url[1..];
        var resolved = assets[key];
        return resolved == key ? url : "/" + resolved.TrimStart('/');
    }

    /// <summary>
    /// MapStaticAssets says "max-age=31536000, immutable" for fingerprinted files; "public" is added so shared caches
    /// (a CDN in front of the shop) keep them too, whatever their defaults for responses to requests with cookies.
    /// </summary>
    public static IEndpointConventionBuilder WithPublicImmutableCaching(this IEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
            {
                return;
            }

            endpoint.RequestDelegate = context =>
            {
                context.Response.OnStarting(MakePublic, context);
                return inner(context);
            };
        });
        return builder;
    }

    private static Task MakePublic(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        if (headers.CacheControl == Immutable)
        {
            headers.CacheControl = PublicImmutable;
        }

        return Task.CompletedTask;
    }
}
