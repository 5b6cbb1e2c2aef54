using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using FakeShop.Operations.Tests.Support;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 16 item 5, ADR 16 and ADR 22: the memory settings chosen in src/Web/FakeShop.Web.csproj are the ones the
/// running app gets. They travel only through the generated runtimeconfig.json (no environment variable in the image,
/// Compose, Kubernetes or bench/run.sh sets the GC ones), so a property that MSBuild does not write there, or a knob the
/// runtime does not read from there, would silently be a no-op (as `System.GC.Gen0Size` was). The app logs what the GC
/// reports about itself; ICU is checked in the process's own memory map, the native heap trimmer (ADR 22) in /metrics.
/// </summary>
public sealed class RuntimeMemorySettingsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_app_runs_with_the_gc_settings_of_its_project_file_without_icu_and_trims_its_native_heap()
    {
        var project = ProjectSettings("src/Web/FakeShop.Web.csproj");
        string Property(string name) => project[name];
        long Option(string name) => long.Parse(project["option " + name], CultureInfo.InvariantCulture);
        Assert.Equal("false", Property("ServerGarbageCollection"));
        Assert.Equal("true", Property("InvariantGlobalization"));
        var expected = $"workstation GC, concurrent {(Property("ConcurrentGarbageCollection") == "true" ? "on" : "off")}, " +
            $"heap hard limit {Option("System.GC.HeapHardLimit") / (1024 * 1024)} MB, ";

        var metricsPort = AppProcess.FreePort();
        var environment = AppProcess.PostgresEnvironment(await pg.Server.CreateDatabaseAsync("ops_runtime_memory"));
        environment["Metrics__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        environment["NativeMemory__TrimIntervalSeconds"] = "1";
        await using var app = AppProcess.Start(environment);
        await app.WaitUntilReadyAsync();

        // Read while the app runs: by /health/ready it has created its cultures, so ICU would be loaded by now.
        var mapped = await File.ReadAllTextAsync($"/proc/{app.Id}/maps");
        Assert.Contains("libcoreclr.so", mapped, StringComparison.Ordinal); // the map is the app's, not a launcher's
        Assert.DoesNotContain("libicu", mapped, StringComparison.Ordinal);

        // The trimmer really calls glibc (the P/Invoke resolves in the published app) and keeps doing so.
        using var http = app.NewClient();
        var trims = 0.0;
        for (var attempt = 0; attempt < 30 && trims < 2; attempt++)
        {
            await Task.Delay(500);
            trims = (await Prometheus.ScrapeAsync(http, $"http://127.0.0.1:{metricsPort}/metrics")).Sum("fakeshop_native_heap_trims_total");
        }

        Assert.True(trims >= 2, $"expected at least two native heap trims within 15 s, saw {trims}\n{app.Output}");

        await app.TerminateAsync();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        var logged = app.Stdout
            .Where(l => l.Contains("Runtime memory settings", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString())
            .SingleOrDefault();
        Assert.True(logged is not null, "no \"Runtime memory settings\" line in the log:\n" + app.Output);
        Assert.StartsWith("Runtime memory settings: " + expected, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("not trimmed", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_floor_benchmark_app_runs_with_the_memory_globalization_and_publish_settings_of_the_shop()
    {
        // bench/floor.sh measures what the shop's stack costs before any of the shop's own code runs (docs/performance.md
        // "Peak RSS and start-up, eleventh round"; ADR 38). That holds only while the floor app is published and
        // configured as src/Web is: every project property but the names, and every runtimeconfig option.
        var shop = ProjectSettings("src/Web/FakeShop.Web.csproj");
        Assert.Contains("ServerGarbageCollection", shop.Keys);
        Assert.Contains("option System.GC.HeapHardLimit", shop.Keys);
        Assert.Equal(shop, ProjectSettings("bench/floor/Floor.csproj"));
    }

    /// <summary>
    /// A project file's properties (all but its names) and its runtimeconfig options ("option " + name), as written in
    /// it; a property or option given twice fails the read, so neither test can pick the wrong one of two.
    /// </summary>
    private static Dictionary<string, string> ProjectSettings(string project)
    {
        var xml = XDocument.Load(Path.Combine(ShippedConfiguration.Root, project));
        string[] names = ["AssemblyName", "RootNamespace", "UserSecretsId"];
        var settings = xml.Descendants("PropertyGroup").Elements()
            .Where(e => !names.Contains(e.Name.LocalName))
            .ToDictionary(e => e.Name.LocalName, e => e.Value.Trim(), StringComparer.Ordinal);
        foreach (var option in xml.Descendants("RuntimeHostConfigurationOption"))
        {
            settings.Add("option " + (string)option.Attribute("Include")!, (string)option.Attribute("Value")!);
        }

        return settings;
    }
}
