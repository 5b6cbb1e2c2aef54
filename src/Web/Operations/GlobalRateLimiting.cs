using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;

namespace FakeShop.Web.Operations;

/// <summary>
/// A generous per-client limit over every page, so one client cannot monopolise a replica. The client is the
/// address after forwarded headers (the real visitor behind the ingress, not the proxy). Probes, scrapes, static
/// files and the re-executed status page itself are never limited. Endpoint policies (the login page's) apply on top
/// of it; a rejection by either is a 429 with Retry-After, rendered by the friendly /Status page.
/// </summary>
public static class GlobalRateLimiting
{
    public const int DefaultRetryAfterSeconds = 60;

    public static IServiceCollection AddShopGlobalRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);

        // PostConfigure runs after every AddRateLimiter(...) callback, whoever registered it and in whatever order.
        services.AddOptions<RateLimiterOptions>().PostConfigure<IOptions<RateLimitingOptions>>((o, limits) =>
        {
            var permitsPerMinute = limits.Value.PermitsPerMinute;
            if (permitsPerMinute > 0)
            {
                var perClient = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, permitsPerMinute));
                o.GlobalLimiter = o.GlobalLimiter is null ? perClient : PartitionedRateLimiter.CreateChained(perClient, o.GlobalLimiter);
            }

            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var previous = o.OnRejected;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : DefaultRetryAfterSeconds;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (previous is not null)
                {
                    await previous(context, cancellationToken);
                }
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, int permitsPerMinute)
    {
        if (IsExempt(context))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter("client:" + client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static bool IsExempt(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics"))
        {
            return true;
        }

        // The friendly 429/500 page is a re-execution of the rejected request: limiting it would leave an empty body.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            return true;
        }

        // A page brings its stylesheets, scripts and images along; count the page, not each file.
        return (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && Path.HasExtension(path.Value);
    }
}
