using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FakeShop.Web.Health;

/// <summary>
/// /health/live says the process answers; /health/ready says it can serve (database reachable, schema current, not
/// shutting down). Both answer JSON with names and states only: no connection strings, no exception texts.
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddShopHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ShutdownState>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: ["ready"]);
        return services;
    }

    public static void MapShopHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteJson });
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
