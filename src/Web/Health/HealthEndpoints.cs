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
        services.AddSingleton<StartupGate>();
        services.AddHealthChecks()
            .AddCheck<StartupGateHealthCheck>("startup", tags: ["ready"])
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: ["ready"]);
        return services;
    }

    public static void MapShopHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteJson });
    }

    // Written field by field rather than by JsonSerializer: serializing the anonymous shape went through reflection
    // and JIT-compiled converters on the first call, and the first call is the start-up's first /health/ready.
    private static async Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
