using System.Net;
using FakeShop.Web.Operations;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using FakeShop.Operations.Tests.Support;
using FakeShop.Testing;

namespace FakeShop.Operations.Tests;

public sealed class KestrelMetricsFixture : ShopAppFixture
{
    protected override string DatabaseName => "ops_kestrel_metrics";

    // The memory pool and connection instruments belong to Kestrel; the in-memory test server records neither.
    protected override bool UseKestrel => true;
}

public sealed class ConfiguredSocketQueuesFixture : ShopAppFixture
{
    protected override string DatabaseName => "ops_socket_queues";

    protected override bool UseKestrel => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Sockets:IOQueues"] = "3" };
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

    [Fact]
    public async Task Kestrel_gets_one_socket_queue_per_two_processors_and_still_serves_pages()
    {
        var transport = app.Factory.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), transport.IOQueueCount);
        Assert.Equal(SocketQueues.DefaultCount, transport.IOQueueCount);

        using var client = new HttpClient { BaseAddress = app.Factory.KestrelAddress };
        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync(new Uri("/shop", UriKind.Relative))));
        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
    }
}

/// <summary>Sockets:IOQueues overrides the default of one queue per two processors (docs/operations.md).</summary>
public sealed class ConfiguredSocketQueuesTests(ConfiguredSocketQueuesFixture app) : IClassFixture<ConfiguredSocketQueuesFixture>
{
    [Fact]
    public async Task The_setting_reaches_kestrels_socket_transport()
    {
        Assert.Equal(3, app.Factory.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.IOQueueCount);

        using var client = new HttpClient { BaseAddress = app.Factory.KestrelAddress };
        using var page = await client.GetAsync(new Uri("/shop", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}

