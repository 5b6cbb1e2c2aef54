using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Response hardening that does not belong to one page: no Server header, Secure cookies whenever the request is
/// HTTPS (directly or as told by a trusted proxy), no-store on personal pages, and the AllowedHosts check.
/// </summary>
public static class HardeningExtensions
{
    /// <summary>Pages with personal or staff data: never kept by a browser or a shared cache.</summary>
    private static readonly string[] PersonalPrefixes = ["/cart", "/checkout", "/orders", "/admin", "/account"];

    public static WebApplicationBuilder AddShopHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        // Every cookie, whoever writes it (antiforgery, TempData, Identity, visitor, culture), gets Secure on HTTPS.
        builder.Services.AddCookiePolicy(o => o.Secure = CookieSecurePolicy.SameAsRequest);

        // AllowedHosts is checked by ShopHostFilter (below), which spares the probes; the framework's own filter,
        // which runs before anything and cannot spare them, is switched off by giving it "*".
        builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
        var allowed = (builder.Configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.Services.AddSingleton(new AllowedHostList(allowed.Length == 0 ? ["*"] : allowed));
        return builder;
    }

    /// <summary>Runs right after forwarded headers, so "is HTTPS" already means what the trusted proxy said.</summary>
    public static WebApplication UseShopHardening(this WebApplication app)
    {
        app.UseCookiePolicy();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(SetNoStore, context);
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// After the status-code pages, so a refused host gets the friendly 400 page in the visitor's language.
    /// Health probes are exempt: Kubernetes sends the pod's IP address as their Host.
    /// </summary>
    public static WebApplication UseShopHostFilter(this WebApplication app)
    {
        var allowed = app.Services.GetRequiredService<AllowedHostList>();
        if (allowed.Patterns.Contains("*"))
        {
            return app;
        }

        var patterns = allowed.Patterns.Select(p => new StringSegment(p)).ToList();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/health")
                || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
                || HostString.MatchesAny(new StringSegment(context.Request.Host.Host), patterns))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        });
        return app;
    }

    private static Task SetNoStore(object state)
    {
        var context = (HttpContext)state;
        var path = context.Request.Path;
        foreach (var prefix in PersonalPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.CacheControl = "no-store";
                break;
            }
        }

        return Task.CompletedTask;
    }

    internal sealed record AllowedHostList(string[] Patterns);
}
