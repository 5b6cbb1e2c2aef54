using System.Data.Common;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Logging.Console;

namespace FakeShop.Web.Operations;

/// <summary>
/// What an operator relies on without reading the code: checked settings, logs a machine can parse, a graceful
/// SIGTERM, and a global rate limit. Kept out of ShopHost so it stays a list of calls.
/// </summary>
public static class OperationsHostExtensions
{
    public static WebApplicationBuilder AddShopOperations(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddShopOptions<ShutdownOptions>(builder.Configuration, ShutdownOptions.SectionName)
            .PostConfigure(o => o.DrainSeconds ??= development ? 0 : Math.Min(ShutdownOptions.DefaultProductionDrainSeconds, o.TimeoutSeconds - 1))
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 3600, "Shutdown:TimeoutSeconds must be a whole number from 1 to 3600.")
            .Validate(o => o.DrainSeconds is >= 0 and <= 3600, "Shutdown:DrainSeconds must be a whole number from 0 to 3600.")
            .Validate(o => o.DrainSeconds < o.TimeoutSeconds, "Shutdown:DrainSeconds must be less than Shutdown:TimeoutSeconds, or in-flight requests get no time to finish.");
        builder.Services.AddShopOptions<RateLimitingOptions>(builder.Configuration, RateLimitingOptions.SectionName)
            .Validate(o => o.PermitsPerMinute is >= 0 and <= 1_000_000, "RateLimiting:PermitsPerMinute must be a whole number from 0 to 1000000.")
            .Validate(o => o.LoginPermitsPerMinute is >= 1 and <= 1_000_000, "RateLimiting:LoginPermitsPerMinute must be a whole number from 1 to 1000000.");

        builder.AddShopLogging();

        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((o, shutdown) => o.ShutdownTimeout = shutdown.Value.Timeout);
        builder.Services.AddHostedService<ShutdownDrain>();
        NativeHeapTrimmer.AddTo(builder);
        SocketQueues.AddTo(builder);
        builder.Services.AddShopGlobalRateLimit();
        return builder;
    }

    /// <summary>The access log, first in the pipeline after forwarded headers, so it sees the real client and the final status.</summary>
    public static WebApplication UseShopOperations(this WebApplication app)
    {
        app.UseHttpLogging();
        return app;
    }

    /// <summary>
    /// True when the database is down or too slow, however the data layer wrapped it (EF wraps a refused connection
    /// in an InvalidOperationException about transient failures): a temporary condition that deserves a 503.
    /// </summary>
    public static bool IsDatabaseOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddShopLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // Every line written while a request runs carries its trace and span id (as a scope), so logs join traces.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            // One JSON object per line on stdout: what Loki, Elasticsearch or CloudWatch ingest without parsing rules.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });

            // The same lines from the same formatter, written in batches instead of one system call and one writer
            // wake-up per line (ADR 26).
            var framework = builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
            framework.ForEach(d => builder.Services.Remove(d));
            builder.Services.AddSingleton<ILoggerProvider, BatchedConsoleLoggerProvider>();
        }

        // One access-log line per request: method, path (never the query string, which may carry search terms),
        // status and duration. No headers or bodies: they hold cookies, card numbers and e-mail addresses.
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        builder.Services.AddHttpLoggingInterceptor<ProbeLogFilter>();
    }

    /// <summary>Kubernetes probes and Prometheus scrapes every few seconds would drown the real traffic.</summary>
    private sealed class ProbeLogFilter : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
        {
            var path = logContext.HttpContext.Request.Path;
            if (path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics"))
            {
                logContext.LoggingFields = HttpLoggingFields.None;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
    }
}
