using System.Net;
using FakeShop.Operations.Tests.Support;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Metrics:Port adds a management listener next to the configured ones (here ASPNETCORE_URLS; ShippedConfigurationTests
/// covers ASPNETCORE_HTTP_PORTS), /metrics answers only on connections to it, and Production without it has no /metrics.
/// </summary>
public sealed class ManagementPortTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task With_a_management_port_metrics_answer_there_and_not_on_the_public_port()
    {
        var metricsPort = AppProcess.FreePort();
        var environment = AppProcess.PostgresEnvironment(await pg.Server.CreateDatabaseAsync("ops_mgmt"));
        environment["Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var app = AppProcess.Start(environment);
        await app.WaitUntilReadyAsync();

        using var http = app.NewClient();
        using var page = await http.GetAsync("/shop");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var publicMetrics = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);

        // The old check compared the Host header, which any client chooses.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{metricsPort}";
        using var spoofedAnswer = await http.SendAsync(spoofed);
        Assert.Equal(HttpStatusCode.NotFound, spoofedAnswer.StatusCode);

        await Task.Delay(400); // the request's duration is recorded just after its response
        using var management = await http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        var scrape = new Prometheus(await management.Content.ReadAsStringAsync());
        Assert.True(scrape.Has("http_server_request_duration_seconds_count", "http_route=\"shop\""), scrape.Text);

        using var shopOnManagement = await http.GetAsync($"http://127.0.0.1:{metricsPort}/Account/Login");
        Assert.Equal(HttpStatusCode.NotFound, shopOnManagement.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("true", HttpStatusCode.OK)]
    public async Task Production_without_a_management_port_serves_metrics_only_when_allowed(string? serveOnPublicPort, HttpStatusCode expected)
    {
        var environment = AppProcess.PostgresEnvironment(await pg.Server.CreateDatabaseAsync("ops_mgmt_public"));
        environment["Metrics__ServeOnPublicPort"] = serveOnPublicPort;
        await using var app = AppProcess.Start(environment);
        await app.WaitUntilReadyAsync();

        using var http = app.NewClient();
        using var metrics = await http.GetAsync("/metrics");
        Assert.Equal(expected, metrics.StatusCode);
    }
}
