using FakeShop.Operations.Tests.Support;

namespace FakeShop.Operations.Tests;

/// <summary>Issue 5: a wrong setting stops the app with exit code 2 and one sentence on stderr, never a stack trace.</summary>
public sealed class BadConfigurationTests
{
    // Nothing listens here: start-up must fail on the setting before (or regardless of) the database.
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=shop;Username=shop;Password=shop;Timeout=2";

    public static TheoryData<string, string[]> Cases => new()
    {
        { "Database:Provider", ["Database__Provider=Oracle"] },
        { "DB_HOST", ["Database__Provider=Sqlite", "DB_HOST=db.internal"] },
        { "ConnectionStrings:Shop", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "DB_HOST=db.internal"] },
        { "Metrics:Port", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Metrics__Port=abc"] },
        { "Metrics:Port", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Metrics__Port=70000"] },
        { "ASPNETCORE_FORWARDEDHEADERS_ENABLED", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true"] },
        { "ForwardedHeaders:KnownNetworks", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "ForwardedHeaders__KnownNetworks=10.0.0.0/33"] },
        { "ForwardedHeaders:KnownProxies", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "ForwardedHeaders__KnownProxies=proxy.internal"] },
        { "Shutdown:TimeoutSeconds", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Shutdown__TimeoutSeconds=soon"] },
        { "Shutdown:DrainSeconds", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Shutdown__TimeoutSeconds=10", "Shutdown__DrainSeconds=15"] },
        { "RateLimiting:PermitsPerMinute", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "RateLimiting__PermitsPerMinute=-1"] },
        { "Shipping:FlatRate", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Shipping__FlatRate=ten"] },
        { "Database:MaxPoolSize", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Database__MaxPoolSize=0"] },
        { "Database:MaxPoolSize", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Database__MaxPoolSize=many"] },
        { "Database:CartAddBatch", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Database__CartAddBatch=0"] },
        { "Database:CartAddBatch", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Database__CartAddBatch=1000"] },
        { "Sockets:IOQueues", ["Database__Provider=Postgres", "ConnectionStrings__Shop=" + Unreachable, "Sockets__IOQueues=-1"] },
        // Only the options validation at start-up catches this one (after the host is built).
        // (on a throwaway SQLite file, so the database is fine and only the setting is wrong).
        { "Shipping:FlatRate", ["Database__Provider=Sqlite", "ConnectionStrings__Shop=Data Source=" + Path.Combine(Path.GetTempPath(), $"fakeshop-badconfig-{Guid.NewGuid():N}.db"), "Shipping__FlatRate=-5"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_setting_stops_the_app_with_one_clear_sentence_and_exit_code_2(string setting, string[] variables)
    {
        var environment = variables.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
        await using var app = AppProcess.Start(environment);

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, $"exit code {exitCode}\n{app.Output}");
        var stderr = app.Stderr.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var line = Assert.Single(stderr);
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=shop", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_app_with_good_settings_does_not_stop_with_a_configuration_error()
    {
        // Control for the theory above: the harness itself does not produce exit code 2.
        await using var good = AppProcess.Start(new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Shop"] = Unreachable,
            ["Database__MigrateOnStartup"] = "false",
        });
        using var http = good.NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(good.HasExited, good.Output);
            try
            {
                using var live = await http.GetAsync("/health/live");
                Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
                break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }

        await good.TerminateAsync();
        Assert.Equal(0, await good.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
