using FakeShop.Application.Common;
using FakeShop.Application.Common.Behaviours;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FakeShop.Web;

/// <summary>
/// Metrics for Prometheus (always) and traces over OTLP (only when OTEL_EXPORTER_OTLP_ENDPOINT is set). With
/// Metrics:Port set, /metrics answers only on that management port so it need not be public.
/// </summary>
public static class ShopTelemetry
{
    public static void AddShopTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("fakeshop-web"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(ShopMetrics.MeterName)
                .AddPrometheusExporter());

        // Spans are recorded only when there is somewhere to send them: without an exporter they were built and
        // thrown away on every request (~5 % of a cached page's CPU, docs/performance.md). Log lines still carry a
        // trace id without them: ASP.NET Core starts an Activity per request for its own logging.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t
                    .AddSource(TracingBehaviour<Mediator.IMessage, object>.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/metrics") && !ctx.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter();
        }

        if (MetricsPort(builder.Configuration) is { } port)
        {
            builder.WebHost.ConfigureKestrel((context, kestrel) =>
            {
                kestrel.Configure(context.Configuration.GetSection("Kestrel"));
                kestrel.ListenAnyIP(port);
            });
        }
    }

    public static void MapShopTelemetry(this WebApplication app)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint();
        if (MetricsPort(app.Configuration) is { } port)
        {
            endpoint.RequireHost($"*:{port}");
        }
    }

    private static int? MetricsPort(IConfiguration configuration)
    {
        var text = configuration["Metrics:Port"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new FakeShop.Infrastructure.Database.ConfigurationException($"Metrics:Port is '{text}', but it must be a port number between 1 and 65535.");
    }
}
