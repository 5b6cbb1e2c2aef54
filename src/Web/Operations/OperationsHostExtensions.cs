using System.Data.Common;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Options;
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
        var settings = OperationsSettings.Resolve(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);

        builder.AddShopLogging();

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddHostedService<ShutdownDrain>();
        builder.Services.AddShopGlobalRateLimit(settings.PermitsPerMinute);
        return builder;
    }

    /// <summary>
    /// Checks every ValidateOnStart option now, before the host starts (the host would log the failure with a stack
    /// trace before Program prints its one sentence), then adds the access log first in the pipeline after forwarded
    /// headers, so it sees the real client and the final status.
    /// </summary>
    public static WebApplication UseShopOperations(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
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
