using System.Globalization;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Operations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 5: replicas started at the same moment on an empty database, each migrating, must leave one correct schema
/// and one copy of the seed. Proved with real processes started together.
/// </summary>
public sealed class ConcurrentMigrationTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Two_migrate_commands_started_together_on_an_empty_database_both_succeed_and_seed_once()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_migrate_cmd");
        var environment = AppProcess.PostgresEnvironment(cs, migrateOnStartup: false);
        environment["Admin__Email"] = "admin@example.com";
        environment["Admin__Password"] = "Correct-Horse-42";
        await using var first = AppProcess.Start(environment, "migrate");
        await using var second = AppProcess.Start(environment, "migrate");

        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        await AssertMigratedAndSeededOnceAsync(cs, admins: 1);

        // One of them created the first admin and said so, with the address masked.
        var output = first.Output + second.Output;
        Assert.Contains("a***@example.com", output, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@example.com", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse-42", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_apps_migrating_on_startup_together_both_become_ready()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_migrate_app");
        await using var first = AppProcess.Start(AppProcess.PostgresEnvironment(cs));
        await using var second = AppProcess.Start(AppProcess.PostgresEnvironment(cs));

        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());
        await AssertMigratedAndSeededOnceAsync(cs, admins: 0);

        using var http = second.NewClient();
        using var shop = await http.GetAsync("/shop");
        Assert.Equal(System.Net.HttpStatusCode.OK, shop.StatusCode);
    }

    private static async Task AssertMigratedAndSeededOnceAsync(string cs, int admins)
    {
        var known = KnownMigrations();
        Assert.NotEmpty(known);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();

        var applied = new List<string>();
        await using (var history = new NpgsqlCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1", conn))
        await using (var reader = await history.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
        }

        Assert.Equal(known, applied); // one row per migration, none twice, none missing
        Assert.Equal(4, await CountAsync(conn, "SELECT count(*) FROM categories"));
        Assert.Equal(15, await CountAsync(conn, "SELECT count(*) FROM products"));
        Assert.Equal(15, await CountAsync(conn, "SELECT count(DISTINCT \"Slug\") FROM products"));
        Assert.Equal(1, await CountAsync(conn, "SELECT count(*) FROM \"AspNetRoles\""));
        Assert.Equal(admins, await CountAsync(conn, "SELECT count(*) FROM \"AspNetUsers\""));
    }

    private static List<string> KnownMigrations()
    {
        var options = new DbContextOptionsBuilder<PostgresShopDbContext>().UseNpgsql("Host=127.0.0.1").Options;
        using var db = new PostgresShopDbContext(options);
        return [.. db.Database.GetMigrations().Order(StringComparer.Ordinal)];
    }

    private static async Task<int> CountAsync(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
