using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using FakeShop.Application.Common;

namespace FakeShop.Web.Operations;

/// <summary>NativeMemory:* — how often freed native memory is handed back to the OS (ADR 22).</summary>
public sealed class NativeMemoryOptions
{
    public const string SectionName = "NativeMemory";

    /// <summary>Seconds between two trims of glibc's malloc arenas (0 turns trimming off; at most 3600).</summary>
    public int TrimIntervalSeconds { get; set; } = 5;
}

/// <summary>
/// Hands the native memory the process has freed back to the OS. The runtime's own native allocations (above all the
/// JIT's working memory while it recompiles hot methods in the background, also OpenSSL's) go through glibc's malloc,
/// which keeps freed memory in per-thread arenas that it returns only from their top. After the benchmark's rows the
/// arenas held 60 MB, most of it free; `malloc_trim(0)` releases it (measured: 26.6 → 9.6 MB in a running app, the
/// peak RSS of the whole benchmark in docs/performance.md). A trim walks every arena once: microseconds to a few ms.
/// On a C library without <c>malloc_trim</c> (musl) the service stops after its first attempt.
/// </summary>
public sealed partial class NativeHeapTrimmer(
    IOptions<NativeMemoryOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<NativeHeapTrimmer> logger)
    : BackgroundService
{
    private readonly Meter _meter = meters.Create(ShopMetrics.MeterName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.TrimIntervalSeconds;
        if (seconds == 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        var trims = _meter.CreateCounter<long>("fakeshop.native_heap.trims", "{trim}", "malloc_trim calls, by whether they released memory.");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var released = NativeMethods.MallocTrim(0) == 1; // 0: there was nothing to release
                trims.Add(1, new KeyValuePair<string, object?>("released", released ? "true" : "false"));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            LogUnavailable(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Native memory is not trimmed: this C library has no malloc_trim ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    private static class NativeMethods
    {
        // "libc" is glibc's libc.so.6 on Linux (the runtime maps the name).
        [DllImport("libc", EntryPoint = "malloc_trim")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int MallocTrim(nuint pad);
    }

    public static void AddTo(WebApplicationBuilder builder)
    {
        builder.Services.AddShopOptions<NativeMemoryOptions>(builder.Configuration, NativeMemoryOptions.SectionName)
            .Validate(o => o.TrimIntervalSeconds is >= 0 and <= 3600, "NativeMemory:TrimIntervalSeconds must be a whole number from 0 to 3600.");
        builder.Services.AddHostedService<NativeHeapTrimmer>();
    }
}
