using System.Net;
using System.Net.Sockets;
using FakeShop.Operations.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Operations.Tests;

/// <summary>Metrics:Port: /metrics only on the management port, so the public port never exposes it.</summary>
public sealed class ManagementPortTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task With_a_management_port_metrics_answer_there_and_not_on_the_public_port()
    {
        var metricsPort = FreePort();
        var cs = await pg.Server.CreateDatabaseAsync("ops_mgmt");
        await using var factory = new ShopFactory("Postgres", cs, kestrel: true,
            new Dictionary<string, string?> { ["Metrics:Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _ = factory.KestrelAddress; // starts Kestrel
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var main = new Uri(addresses.Single(a => new Uri(a).Port != metricsPort));

        using var http = new HttpClient();
        using var publicMetrics = await http.GetAsync(new Uri(main, "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        using var page = await http.GetAsync(new Uri(main, "/shop"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        await Task.Delay(400); // the request's duration is recorded just after its response
        using var management = await http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        var scrape = new Prometheus(await management.Content.ReadAsStringAsync());
        Assert.True(scrape.Has("http_server_request_duration_seconds_count", "http_route=\"shop\""), scrape.Text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
