using System.Net;
using FakeShop.Operations.Tests.Support;
using FakeShop.Testing;

namespace FakeShop.Operations.Tests;

public sealed class KestrelMetricsFixture : ShopAppFixture
{
    protected override string DatabaseName => "ops_kestrel_metrics";

    // The memory pool and connection instruments belong to Kestrel; the in-memory test server records neither.
    protected override bool UseKestrel => true;
}

/// <summary>
/// Issue 16: what a served page records on a real Kestrel listener. Kestrel's per-block memory pool instruments are
/// dropped (a dozen locked updates per cached page), while its connection metrics and the request histogram stay.
/// </summary>
public sealed class KestrelMetricsTests(KestrelMetricsFixture app) : IClassFixture<KestrelMetricsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pages_served_by_kestrel_record_connections_and_requests_but_not_every_pooled_block()
    {
        using var client = new HttpClient { BaseAddress = app.Factory.KestrelAddress };
        for (var i = 0; i < 5; i++)
        {
            using var page = await client.GetAsync(new Uri("/shop", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            await page.Content.ReadAsByteArrayAsync(); // a 24 KB page: several pooled blocks per answer
        }

        var scrape = await Prometheus.ScrapeAsync(client);

        // Kestrel's own meters are exported (so the absence below is not a blind spot)...
        Assert.Contains(scrape.Samples, s => s.Name.StartsWith("kestrel_active_connections", StringComparison.Ordinal));
        Assert.True(scrape.Has("http_server_request_duration_seconds_count", "http_route=\"shop\""), Names(scrape));
        // ... and so is the memory pool's growth, recorded only when the pool allocates a block.
        Assert.Contains(scrape.Samples, s => s.Name.StartsWith("aspnetcore_memory_pool_allocated", StringComparison.Ordinal));
        // What changes on every rent and return is not.
        Assert.DoesNotContain(scrape.Samples, s => s.Name.StartsWith("aspnetcore_memory_pool_rented", StringComparison.Ordinal));
        Assert.DoesNotContain(scrape.Samples, s => s.Name.StartsWith("aspnetcore_memory_pool_pooled", StringComparison.Ordinal));
    }

    private static string Names(Prometheus scrape) => string.Join('\n', scrape.Samples.Select(s => s.Name).Distinct().Order());
}
