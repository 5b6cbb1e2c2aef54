using System.Globalization;

namespace FakeShop.Web.Operations;

/// <summary>
/// The GC settings the runtime really runs with (ADR 16), as the GC itself reports them, logged once at start: the
/// runtimeconfig.json written by the project file can be overridden by DOTNET_ variables in an image, a pod or a
/// shell, and the peak memory depends on every one of them. The tests that start the app read this line.
/// </summary>
public static partial class RuntimeMemorySettings
{
    public static string Describe()
    {
        var gc = GC.GetConfigurationVariables();
        return string.Create(CultureInfo.InvariantCulture,
            $"{(Flag(gc, "ServerGC") ? "server" : "workstation")} GC, concurrent {(Flag(gc, "ConcurrentGC") ? "on" : "off")}, " +
            $"heap hard limit {Megabytes(gc, "GCHeapHardLimit")} MB, gen0 budget at most {Megabytes(gc, "GCGen0MaxBudget")} MB, " +
            $"conserve memory {Number(gc, "GCConserveMem")}, dynamic adaptation {Number(gc, "GCDynamicAdaptationMode")}");
    }

    public static void LogRuntimeMemorySettings(this WebApplication app) =>
        LogSettings(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FakeShop.Startup"), Describe());

    private static bool Flag(IReadOnlyDictionary<string, object> gc, string name) =>
        gc.TryGetValue(name, out var value) && value is true;

    private static long Number(IReadOnlyDictionary<string, object> gc, string name) =>
        gc.TryGetValue(name, out var value) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

    private static long Megabytes(IReadOnlyDictionary<string, object> gc, string name) => Number(gc, name) / (1024 * 1024);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime memory settings: {Settings}")]
    private static partial void LogSettings(ILogger logger, string settings);
}
