using System.Net;
using System.Text.Json;
using FakeShop.Operations.Tests.Support;
using Npgsql;

namespace FakeShop.Operations.Tests;

/// <summary>
/// ADR 24: the catalogue seed and the first-admin check run beside the host start. The host listens as soon as the
/// schema is current, but until that work has finished /health/ready is false and every other request waits, so
/// nothing is served from (or cached off) a database that is still being seeded. The seed is held up for real: the
/// test locks the products table, which the seed reads and nothing else at start-up touches.
/// </summary>
public sealed class StartupGateTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Readiness_stays_false_and_pages_wait_until_the_start_up_seed_has_finished()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_startup_gate");
        var environment = AppProcess.PostgresEnvironment(cs);
        await using (var migrate = AppProcess.Start(environment, "migrate"))
        {
            Assert.Equal(0, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        }

        await using var locker = new NpgsqlConnection(cs);
        await locker.OpenAsync();
        var seedHeld = await locker.BeginTransactionAsync();
        await using (var lockProducts = new NpgsqlCommand("LOCK TABLE products IN ACCESS EXCLUSIVE MODE", locker, seedHeld))
        {
            await lockProducts.ExecuteNonQueryAsync();
        }

        await using var app = AppProcess.Start(environment);
        using var http = app.NewClient();
        http.Timeout = TimeSpan.FromSeconds(5);
        await app.WaitUntilAnswersAsync("/health/live", TimeSpan.FromSeconds(60));

        // Listening, but the seed waits for the lock: not ready, and why.
        using (var ready = await http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            var startup = json.RootElement.GetProperty("checks").GetProperty("startup");
            Assert.Equal("Unhealthy", startup.GetProperty("status").GetString());
            Assert.Equal("starting", startup.GetProperty("description").GetString());
            Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }

        // A static file needs no database (every page's category menu counts products, so the lock alone would hold
        // a page): only the gate can hold it.
        using var fileClient = app.NewClient();
        var file = fileClient.GetAsync("/favicon.svg");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(file.IsCompleted, "a request was served while the start-up seed was still running");

        await seedHeld.CommitAsync();
        await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var served = await file.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.False(app.HasExited);
    }
}

/// <summary>
/// The readiness check reads the migration history with a plain SELECT (MigrationHistory) instead of EF's
/// GetPendingMigrationsAsync: a database that lacks one of this build's migrations must still count as not ready.
/// </summary>
public sealed class ReadinessSchemaTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_database_missing_one_of_the_builds_migrations_is_not_ready()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_ready_schema");
        await using var app = AppProcess.Start(AppProcess.PostgresEnvironment(cs));
        await app.WaitUntilReadyAsync();

        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var forget = new NpgsqlCommand(
                "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")", conn);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        using var http = app.NewClient();
        using var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("migrations pending", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
    }
}

/// <summary>
/// ADR 27: the host starts without waiting for the schema (Kestrel listens, the early readiness probes warm the
/// pipeline), so nothing the host starts may read a table: Data Protection's key ring, which its hosted service read at
/// host start, is loaded once the migration is done and before the gate opens. The migration is held for real: the
/// test takes the advisory lock the migrator waits for.
/// </summary>
public sealed class StartBeforeSchemaTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const long MigratorLock = 0x46616B6553686F70; // DatabaseMigrator's advisory lock key

    [Fact]
    public async Task The_host_listens_while_an_empty_database_is_migrated_and_the_key_ring_is_made_before_ready()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_start_before_schema");
        await using var locker = new NpgsqlConnection(cs);
        await locker.OpenAsync();
        await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_lock({MigratorLock})", locker))
        {
            await hold.ExecuteNonQueryAsync();
        }

        await using var app = AppProcess.Start(AppProcess.PostgresEnvironment(cs));
        using var http = app.NewClient();
        http.Timeout = TimeSpan.FromSeconds(5);
        await app.WaitUntilAnswersAsync("/health/live", TimeSpan.FromSeconds(60));

        // Listening with no schema at all: not ready, and a page waits instead of failing on missing tables.
        using (var ready = await http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        Assert.Equal(0, await ScalarAsync(cs, "SELECT count(*) FROM pg_tables WHERE tablename = '__EFMigrationsHistory'"));
        using var pageClient = app.NewClient();
        var page = pageClient.GetAsync("/shop");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(page.IsCompleted, "a page was served before the schema existed");

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigratorLock})", locker))
        {
            await release.ExecuteNonQueryAsync();
        }

        await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        // Made at start-up, as the framework's hosted service did, not by the first page that seals a cookie.
        Assert.Equal(1, await ScalarAsync(cs, "SELECT count(*) FROM \"DataProtectionKeys\""));
        using var served = await page.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        // The key ring was not read before its table existed (the framework's hosted service, at host start, logged an
        // error here) and was read once it did (ours logs a warning when it cannot).
        var keyRingProblems = app.Stdout.Where(l => (l.Contains("DataProtection", StringComparison.Ordinal) && l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal))
            || l.Contains("Could not load the Data Protection key ring", StringComparison.Ordinal)).ToList();
        Assert.True(keyRingProblems.Count == 0, string.Join('\n', keyRingProblems));
        Assert.False(app.HasExited);
    }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
