using System.Diagnostics.Metrics;
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
/// Metrics:Port set, /metrics answers only on that management port, an extra listener next to the public one.
/// Without it, /metrics is on the public port outside Production, and in Production only with
/// Metrics:ServeOnPublicPort=true.
/// </summary>
public static class ShopTelemetry
{
    /// <summary>Instruments ASP.NET Core updates on (nearly) every request that no dashboard or alert of ours reads.</summary>
    public static readonly string[] UnusedPerRequestInstruments =
    [
        "http.server.active_requests",
        "aspnetcore.routing.match_attempts",
        "aspnetcore.rate_limiting.active_request_leases",
        "aspnetcore.rate_limiting.request_lease.duration",
        // .NET 10's Kestrel memory pool counts every 4 KB block rented and returned: a cached 24 KB page is a dozen
        // updates under a lock (5 % of a hit's CPU in a per-process profile). Blocks allocated and evicted (pool growth
        // and trimming, not per request) are still recorded.
        "aspnetcore.memory_pool.rented",
        "aspnetcore.memory_pool.pooled",
    ];

    /// <summary>
    /// Tag combinations kept apart per instrument; more are summed into one series labelled otel_metric_overflow. The
    /// request-duration histograms (route × method × status code, ≈ 75 routes here) keep the most.
    /// </summary>
    private const int StreamsPerHttpInstrument = 1000;

    /// <inheritdoc cref="StreamsPerHttpInstrument"/>
    private const int StreamsPerInstrument = 100;

    /// <summary>ASP.NET Core's switch for the OpenTelemetry attributes on its per-request Activity.</summary>
    internal const string SuppressActivityTagsSwitch = "Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData";

    public static void AddShopTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("fakeshop-web"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(ShopMetrics.MeterName)
                    .AddPrometheusExporter()
                    .AddView(StreamFor);
            });

        // Spans are recorded only when there is somewhere to send them: without an exporter they were built and
        // thrown away on every request (~5 % of a cached page's CPU, docs/performance.md). Log lines still carry a
        // trace id without them: ASP.NET Core starts an Activity per request for its own logging.
        var tracing = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (tracing)
        {
            otel.WithTracing(t => t
                    .AddSource(TracingBehaviour<Mediator.IMessage, object>.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/metrics") && !ctx.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter();
        }

        // Without spans to record, the Activity ASP.NET Core starts per request only carries the trace id into the log
        // scope; the OpenTelemetry attributes it puts on it at start and end (host, port, user agent, path, method,
        // status, protocol) were read by nobody. This switch, read when the host starts, leaves them out (part of a
        // cached page's CPU, docs/performance.md, ADR 30); the trace and span ids in the logs stay. Set both ways, as
        // it is process-wide: with an exporter the spans keep their attributes.
        AppContext.SetSwitch(SuppressActivityTagsSwitch, isEnabled: !tracing);

        builder.Services.AddShopOptions<MetricsOptions>(builder.Configuration, MetricsOptions.SectionName)
            // Revenue, order counts and failure reasons are not for the public: in Production they need the
            // management port, or an operator saying so explicitly.
            .PostConfigure(o => o.ServeOnPublicPort ??= !builder.Environment.IsProduction())
            .Validate(o => o.Port is null or (> 0 and < 65536), "Metrics:Port must be a port number between 1 and 65535.");
        // The listener is added before the host exists, so the port is read here; a wrong value adds none and is
        // reported by the validation above, which stops the app before it listens.
        if (int.TryParse(builder.Configuration["Metrics:Port"], System.Globalization.CultureInfo.InvariantCulture, out var management) && management is > 0 and < 65536)
        {
            AddManagementListener(builder, management);
        }
    }

    /// <summary>The one view every instrument goes through (a second matching view would record it twice).</summary>
    private static MetricStreamConfiguration StreamFor(Instrument instrument) =>
        // Measured on cached pages: every recorded instrument takes a lock and looks up its tag set per request
        // (OpenTelemetry's AggregatorStore was ~8 % of a cache hit's CPU). These per-request ones are neither on the
        // dashboard nor in docs/operations.md, so they are not recorded.
        UnusedPerRequestInstruments.Contains(instrument.Name)
            ? MetricStreamConfiguration.Drop
            // OpenTelemetry allocates an instrument's series up front, 2,000 by default: over all instruments recorded
            // here that was 9 MB of the GC heap and 40-70 ms of CPU before /health/ready, for tag sets that never come
            // (docs/performance.md, "Start-up and memory, tenth round").
            : new MetricStreamConfiguration
            {
                CardinalityLimit = instrument.Name.StartsWith("http.", StringComparison.Ordinal) ? StreamsPerHttpInstrument : StreamsPerInstrument,
            };

    /// <summary>
    /// Adds the management port to the listeners the host was configured with. Kestrel takes any endpoint configured in
    /// code as a replacement for the hosting URLs (ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, ...), so listening on the
    /// management port in code alone silently dropped the public port. Instead the hosting URLs are extended; only when
    /// Kestrel:Endpoints configures the listeners (and the hosting URLs are ignored anyway) is the port added in code.
    /// </summary>
    private static void AddManagementListener(WebApplicationBuilder builder, int port)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
            return;
        }

        builder.WebHost.UseUrls([.. HostingUrls(builder.Configuration), $"http://*:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]);
    }

    /// <summary>The addresses the host would use without us, in the host's own order of precedence.</summary>
    private static IEnumerable<string> HostingUrls(ConfigurationManager configuration)
    {
        static string[] List(string? text) => (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var urls = List(configuration["urls"]);
        if (urls.Length > 0)
        {
            return urls;
        }

        var ports = List(configuration["http_ports"]).Select(p => "http://*:" + p)
            .Concat(List(configuration["https_ports"]).Select(p => "https://*:" + p))
            .ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    /// <summary>
    /// With a management port, /metrics is answered on connections that arrived there (the socket's local port, which
    /// a client cannot choose the way it chooses a Host header) and that port answers nothing else. Runs first, so
    /// nothing of the shop (page cache, sign-in) is reachable through the management port.
    /// </summary>
    public static WebApplication UseShopManagementPort(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Port is not { } port)
        {
            return app;
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == port && context.Request.Path == "/metrics");
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("Management port: only /metrics is served here.\n");
        });
        return app;
    }

    public static void MapShopTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Port is null && options.ServeOnPublicPort == true)
        {
            app.MapPrometheusScrapingEndpoint();
        }
    }
}
