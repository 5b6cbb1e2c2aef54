using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FakeShop.Operations.Tests.Support;
using Npgsql;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 5, health: with the database stopped (this class's own cluster) the app stays alive, says it is not ready,
/// answers pages with a friendly 503 quickly, and recovers by itself when the database returns.
/// </summary>
public sealed class DatabaseOutageTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Readiness_follows_the_database_and_pages_fail_fast_and_friendly_meanwhile()
    {
        var cs = new NpgsqlConnectionStringBuilder(await pg.Server.CreateDatabaseAsync("ops_outage"))
        {
            Password = "not-a-real-secret-42",
            Timeout = 2,
            CommandTimeout = 3,
        }.ConnectionString;
        await using var factory = new ShopFactory("Postgres", cs);
        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var (status, body) = await GetAsync(http, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertNoSecrets(body);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/shop")).Status);

        await pg.Server.StopAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            (status, body) = await GetAsync(http, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"readiness took {clock.Elapsed}");
            using (var json = JsonDocument.Parse(body))
            {
                Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
                Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            }

            AssertNoSecrets(body);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/health/live")).Status);

            clock.Restart();
            (status, body) = await GetAsync(http, "/shop");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the page took {clock.Elapsed}");
            Assert.Contains("id=\"error-title\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
            AssertNoSecrets(body);
        }
        finally
        {
            await pg.Server.RestartAsync();
        }

        // Same app instance, no restart: it notices the database is back.
        var recovered = Stopwatch.StartNew();
        while ((await GetAsync(http, "/health/ready")).Status != HttpStatusCode.OK)
        {
            Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(30), "readiness did not recover after the database came back");
            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/shop")).Status);
    }

    private static void AssertNoSecrets(string body)
    {
        foreach (var secret in new[] { "not-a-real-secret-42", "Password", "Host=", "Username", "127.0.0.1", "ops_outage" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
