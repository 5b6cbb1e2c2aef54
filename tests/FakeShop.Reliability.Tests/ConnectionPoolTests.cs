using System.Collections.Concurrent;
using System.Net;
using FakeShop.Infrastructure.Database;
using FakeShop.Testing;
using FakeShop.Web.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FakeShop.Reliability.Tests;

/// <summary>
/// Issue 12 item 4: two replicas of the app on ONE PostgreSQL that keeps its default max_connections (100). Each
/// replica has one pool (EF and the cart writer share it) capped by Database:MaxPoolSize (default 30), so a burst
/// queues for a connection instead of exhausting the server: with Npgsql's default pool of 100 per connection string
/// (two per replica before), 2 replicas could ask for 400.
/// </summary>
public sealed class ConnectionPoolFixture : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        // All visitors come from one in-memory client address; this is about connections, not the limiter.
        ["RateLimiting:PermitsPerMinute"] = "0",
    };

    public PostgresServer Server { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public ShopFactory[] Replicas { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartAsync(defaultMaxConnections: true);
        // No Maximum Pool Size of our own: the app's default applies (the setting overrides the connection string's).
        ConnectionString = await Server.CreateDatabaseAsync("reliability_pool");
        var first = new ShopFactory("Postgres", ConnectionString, settings: Settings);
        _ = first.Services; // migrates and seeds before the second replica starts, as a migration job would
        var second = new ShopFactory("Postgres", ConnectionString, settings: new Dictionary<string, string?>(Settings) { ["Database:MigrateOnStartup"] = "false" });
        _ = second.Services;
        Replicas = [first, second];
    }

    public HtmlClient NewVisitor(int replica) =>
        new(Replicas[replica].CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("http://localhost"),
        }));

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}

public sealed class ConnectionPoolTests(ConnectionPoolFixture app) : IClassFixture<ConnectionPoolFixture>
{
    private const int Visitors = 200;
    private const int Units = 10;
    private const string Slug = "webcam-4k-ultra";

    [Fact]
    public async Task Two_hundred_checkouts_for_ten_units_on_two_replicas_and_a_stock_postgres_make_ten_orders_and_no_5xx()
    {
        var maxConnections = await app.ScalarAsync<int>("SELECT current_setting('max_connections')::int");
        Assert.True(maxConnections <= 100, $"the cluster should keep PostgreSQL's default max_connections, has {maxConnections}");
        // The sizing rule of docs/operations.md, for these 2 replicas: pools + one LISTEN each + this test's probe.
        Assert.True(2 * DatabaseSettings.DefaultMaxPoolSize + 2 + 1 < maxConnections);

        // Visitor i shops on replica i % 2 throughout (its antiforgery token and cookies come from that replica).
        var prepared = new ConcurrentBag<PreparedCheckout>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Visitors), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            prepared.Add(await Shopper.PrepareAsync(app.NewVisitor(i % 2), Slug)));
        Assert.Equal(Visitors, await app.ScalarAsync<int>($"SELECT count(*) FROM cart_lines l JOIN products p ON p.\"Id\" = l.\"ProductId\" WHERE p.\"Slug\" = '{Slug}'"));
        await app.ScalarAsync<int>($"WITH u AS (UPDATE products SET \"Stock\" = {Units} WHERE \"Slug\" = '{Slug}' RETURNING 1) SELECT count(*) FROM u");

        // While the burst runs, watch how many connections the two replicas hold (the probe's own excluded).
        using var stop = new CancellationTokenSource();
        var peak = 0;
        var probe = Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
            await conn.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var cmd = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", conn);
                peak = Math.Max(peak, (int)(await cmd.ExecuteScalarAsync())!);
                await Task.Delay(10);
            }
        });

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = prepared.Select(async p =>
        {
            await gate.Task;
            using var response = await p.Client.Http.PostAsync("/checkout", new FormUrlEncodedContent(p.Fields));
            return (response.StatusCode, Location: response.Headers.Location?.ToString());
        }).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(posts);
        await stop.CancelAsync();
        await probe;

        var serverErrors = results.Where(r => (int)r.StatusCode >= 500).ToList();
        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} responses were 5xx, e.g. {serverErrors.FirstOrDefault().StatusCode}");
        Assert.Equal(Units, results.Count(r => r.StatusCode == HttpStatusCode.Redirect && r.Location!.StartsWith("/orders/", StringComparison.Ordinal)));
        Assert.Equal(Visitors - Units, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(Units, await app.ScalarAsync<int>("SELECT count(*) FROM orders"));
        Assert.Equal(0, await app.ScalarAsync<int>($"SELECT \"Stock\" FROM products WHERE \"Slug\" = '{Slug}'"));
        Assert.True(peak <= 2 * (DatabaseSettings.DefaultMaxPoolSize + 1), $"the replicas held {peak} connections at once");
    }

    /// <summary>
    /// A real exhausted pool: one connection allowed, held by someone else, a 1 s wait. The exception Npgsql throws
    /// is what the app's exception handler maps to 503 (and so to the friendly page with Retry-After).
    /// </summary>
    [Fact]
    public async Task An_exhausted_pool_is_a_database_outage_so_a_503()
    {
        var builder = new NpgsqlDataSourceBuilder(app.ConnectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = 1;
        builder.ConnectionStringBuilder.Timeout = 1;
        await using var dataSource = builder.Build();
        await using var held = await dataSource.OpenConnectionAsync();

        var exhausted = await Assert.ThrowsAnyAsync<Exception>(async () => await dataSource.OpenConnectionAsync());

        Assert.Contains("pool", exhausted.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(OperationsHostExtensions.IsDatabaseOutage(exhausted), exhausted.GetType().FullName);
    }

    /// <summary>
    /// ADR 19: a statement run a few times is prepared on the pooled connection and stays prepared after the connection
    /// goes back to the pool (Npgsql's reset keeps prepared statements), so PostgreSQL stops parsing and planning the
    /// add-to-cart statement on every post. Fails if the data source does not auto-prepare or the reset drops them.
    /// </summary>
    [Fact]
    public async Task Repeated_statements_stay_prepared_on_the_pooled_connection()
    {
        await using var replica = new ShopFactory("Postgres", app.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerMinute"] = "0",
            ["Database:MigrateOnStartup"] = "false",
            ["Database:MaxPoolSize"] = "1",
        });
        await AddSixTimesAsync(replica);

        // Pool of one: this is the connection every post above used (handed back without a reset since ADR 23).
        await using var connection = await replica.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%synchronous_commit%'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// ADR 23: a connection goes back to the pool without Npgsql's reset, so nothing the shop runs on it may leave
    /// session state for the next request. A replica with a pool of two migrates (the advisory lock; the admin seed
    /// needs the second connection) and takes six adds (each relaxes its own commit); both pooled connections then have
    /// no setting of their session and hold no lock, and a session setting made on them is still there at the
    /// next lease: no reset ran.
    /// </summary>
    [Fact]
    public async Task A_pooled_connection_goes_back_unreset_and_keeps_nothing_of_the_adds_or_the_migration()
    {
        await using var replica = new ShopFactory("Postgres", app.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerMinute"] = "0",
            ["Database:MaxPoolSize"] = "2",
        });
        await AddSixTimesAsync(replica);

        var dataSource = replica.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var first = await dataSource.OpenConnectionAsync())
        await using (var second = await dataSource.OpenConnectionAsync())
        {
            foreach (var connection in new[] { first, second })
            {
                // Nothing SET for the session (the adds' relaxed commit was their transaction's own).
                Assert.Equal(0L, await Scalar<long>(connection, "SELECT count(*) FROM pg_settings WHERE source = 'session'"));
                Assert.Equal(0L, await Scalar<long>(connection, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"));
                await Scalar<string>(connection, "SELECT set_config('work_mem', '7MB', false)");
            }
        }

        await using (var again = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal("7MB", await Scalar<string>(again, "SHOW work_mem"));
        }

        static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync())!;
        }
    }

    /// <summary>The whole path over HTTP: a replica whose only pooled connection is taken answers the friendly 503.</summary>
    [Fact]
    public async Task A_request_that_gets_no_connection_in_time_gets_the_friendly_503_with_retry_after()
    {
        var tight = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Timeout = 1 }.ConnectionString;
        await using var replica = new ShopFactory("Postgres", tight, settings: new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerMinute"] = "0",
            ["Database:MigrateOnStartup"] = "false",
            ["Database:MaxPoolSize"] = "1",
        });
        var visitor = new HtmlClient(replica.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        // Another product than the burst's, which may already be sold out.
        const string other = "ring-light-18";
        var product = await visitor.GetAsync($"/product/{other}");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);

        // Add to cart always writes (the raw command of the cart writer, which shares EF's pool).
        await using (var held = await replica.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            var page = await visitor.SubmitAsync(product, "#add-to-cart");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, visitor.Status);
            Assert.Equal(TimeSpan.FromSeconds(5), visitor.LastResponse!.Headers.RetryAfter?.Delta);
            Assert.Equal("error-title", page.QuerySelector("h1")?.Id);
            Assert.DoesNotContain("Exception", page.Body!.TextContent, StringComparison.Ordinal);
        }

        // Once the connection is back in the pool, the same add succeeds.
        await visitor.SubmitAsync(product, "#add-to-cart");
        Assert.True(visitor.Status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK, $"{visitor.Status}");
        Assert.Equal(1, await app.ScalarAsync<int>($"SELECT count(*) FROM cart_lines l JOIN products p ON p.\"Id\" = l.\"ProductId\" WHERE p.\"Slug\" = '{other}'"));
    }

    /// <summary>Six add-to-cart posts of one product by one visitor, each answered with the redirect.</summary>
    private static async Task AddSixTimesAsync(ShopFactory replica)
    {
        var visitor = new HtmlClient(replica.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var product = await visitor.GetAsync("/product/ring-light-18");
        for (var i = 0; i < 6; i++)
        {
            await visitor.SubmitAsync(product, "#add-to-cart");
            Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        }
    }
}
