using System.Diagnostics;
using System.Diagnostics.Metrics;
using FakeShop.Application.Common;
using FakeShop.Infrastructure.Housekeeping;

namespace FakeShop.Web.Operations;

/// <summary>How often and after how long abandoned carts and orphaned images are purged (docs/operations.md).</summary>
public sealed class HousekeepingOptions
{
    public const string SectionName = "Housekeeping";

    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between runs; the first run is one interval after start, so a restart loop does no work.</summary>
    public double IntervalMinutes { get; set; } = 60;

    /// <summary>A cart untouched for this many days is abandoned.</summary>
    public double CartMaxAgeDays { get; set; } = 30;

    /// <summary>An image no product uses is kept this long (an admin may still be editing the product).</summary>
    public double OrphanImageGraceHours { get; set; } = 24;
}

/// <summary>
/// Runs the purge on a timer. Every run shows in /metrics: fakeshop_housekeeping_runs_total{outcome},
/// fakeshop_housekeeping_purged_total{kind} and the run duration histogram.
/// </summary>
public sealed partial class HousekeepingService(
    IServiceScopeFactory scopes, IOptions<HousekeepingOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<HousekeepingService> logger)
    : BackgroundService
{
    private readonly Meter _meter = meters.Create(ShopMetrics.MeterName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var runs = _meter.CreateCounter<long>("fakeshop.housekeeping.runs", "{run}", "Housekeeping runs by outcome.");
        var purged = _meter.CreateCounter<long>("fakeshop.housekeeping.purged", "{row}", "Rows purged by housekeeping, by kind.");
        var duration = _meter.CreateHistogram<double>("fakeshop.housekeeping.duration", "s", "Duration of a housekeeping run.");
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntervalMinutes), clock);
        while (await NextAsync(timer, stoppingToken))
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = "ok";
            try
            {
                var now = clock.GetUtcNow();
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<Housekeeper>().PurgeAsync(
                    now - TimeSpan.FromDays(settings.CartMaxAgeDays), now - TimeSpan.FromHours(settings.OrphanImageGraceHours), stoppingToken);
                purged.Add(result.Carts, new KeyValuePair<string, object?>("kind", "cart"));
                purged.Add(result.Images, new KeyValuePair<string, object?>("kind", "image"));
                LogPurged(result.Carts, result.Images);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database may be briefly away; the next run tries again.
                outcome = "failed";
                LogFailed(ex.Message);
            }

            runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping purged {Carts} abandoned carts and {Images} unused images")]
    private partial void LogPurged(int carts, int images);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping failed: {Reason}")]
    private partial void LogFailed(string reason);
}

public static class HousekeepingExtensions
{
    public static WebApplicationBuilder AddShopHousekeeping(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HousekeepingOptions>()
            .Bind(builder.Configuration.GetSection(HousekeepingOptions.SectionName))
            .Validate(o => o.IntervalMinutes is > 0 and <= 10_080, "Housekeeping:IntervalMinutes must be more than 0 and at most 10080 (a week).")
            .Validate(o => o.CartMaxAgeDays is >= 1 and <= 3650, "Housekeeping:CartMaxAgeDays must be between 1 and 3650.")
            .Validate(o => o.OrphanImageGraceHours is >= 1 and <= 87_600, "Housekeeping:OrphanImageGraceHours must be between 1 and 87600.")
            .ValidateOnStart();
        builder.Services.AddScoped<Housekeeper>();
        builder.Services.AddHostedService<HousekeepingService>();
        return builder;
    }
}
