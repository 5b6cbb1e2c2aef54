using System.Net;
using FakeShop.Operations.Tests.Support;
using Npgsql;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 14: the app started with exactly the environment docker/compose.yaml and deploy/k8s ship, listeners set up by
/// the host from ASPNETCORE_HTTP_PORTS and Metrics__Port as in a container. Only what must differ on a test machine
/// is replaced: the database address (a throwaway PostgreSQL) and the port numbers, in the same variables.
/// </summary>
public sealed class ShippedConfigurationTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const int ShippedHttpPort = 8080;
    private const int ShippedMetricsPort = 9090;

    [Fact]
    public async Task Compose_web_environment_serves_the_shop_on_8080_and_metrics_only_on_9090()
    {
        var database = new NpgsqlConnectionStringBuilder(await pg.Server.CreateDatabaseAsync("shipped_compose"));
        var variables = new Dictionary<string, string>
        {
            ["DB_NAME"] = database.Database!,
            ["DB_USER"] = database.Username!,
            ["DB_PASSWORD"] = "compose-test-password",
            ["ADMIN_EMAIL"] = "ops@fakeshop.test",
            ["ADMIN_PASSWORD"] = "Compose-Admin#2026",
        };

        // The one-shot migrate service first, as compose orders it.
        var migrate = PointAtTestDatabase(ShippedConfiguration.Compose("migrate", variables), database);
        await using (var job = AppProcess.StartExactly(AppProcess.FreePort(), migrate, "migrate"))
        {
            Assert.True(await job.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, job.Output);
        }

        var web = PointAtTestDatabase(ShippedConfiguration.Compose("web", variables), database);
        Assert.Equal("Production", web["ASPNETCORE_ENVIRONMENT"]);
        await RunAndCheckAsync(web, "localhost", probes: [new Probe("proxy health check", "/health/ready", ShippedHttpPort)]);
    }

    [Fact]
    public async Task Kubernetes_configmap_and_deployment_env_serve_the_shop_on_http_metrics_on_metrics_and_the_probes_answer()
    {
        var database = new NpgsqlConnectionStringBuilder(await pg.Server.CreateDatabaseAsync("shipped_k8s"));
        var (environment, probes, ports) = ShippedConfiguration.Kubernetes(new Dictionary<string, string>
        {
            ["DB_USER"] = database.Username!,
            ["DB_PASSWORD"] = "k8s-test-password",
        });
        Assert.Equal(ShippedHttpPort, ports["http"]);
        Assert.Equal(ShippedMetricsPort, ports["metrics"]);
        Assert.NotEmpty(probes);
        environment["DB_NAME"] = database.Database;
        PointAtTestDatabase(environment, database);

        // The migration Job's work (deploy/k8s/migration-job.yaml), with the same settings.
        await using (var job = AppProcess.StartExactly(AppProcess.FreePort(), environment, "migrate"))
        {
            Assert.True(await job.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, job.Output);
        }

        var host = environment["AllowedHosts"]!.Split(';')[0];
        await RunAndCheckAsync(environment, host, probes);
    }

    private static async Task RunAndCheckAsync(Dictionary<string, string?> environment, string host, IReadOnlyList<Probe> probes)
    {
        var publicPort = AppProcess.FreePort();
        var metricsPort = AppProcess.FreePort();
        ShippedConfiguration.RemapPort(environment, ShippedHttpPort, publicPort);
        ShippedConfiguration.RemapPort(environment, ShippedMetricsPort, metricsPort);
        int Local(int shipped) => shipped == ShippedHttpPort ? publicPort : shipped == ShippedMetricsPort ? metricsPort : shipped;

        await using var app = AppProcess.StartExactly(publicPort, environment);
        await app.WaitUntilReadyAsync();
        Assert.DoesNotContain(app.Stdout.Concat(app.Stderr), l => l.Contains("Overriding address", StringComparison.OrdinalIgnoreCase));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        async Task<HttpResponseMessage> GetAsync(int port, string path, string? hostHeader = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
            request.Headers.Host = hostHeader ?? host;
            return await http.SendAsync(request);
        }

        // The shop, admin sign-in included, on the public port; no Server header.
        using (var shop = await GetAsync(publicPort, "/shop"))
        {
            Assert.True(shop.StatusCode == HttpStatusCode.OK, $"/shop on the public port: {(int)shop.StatusCode}\n{app.Output}");
            Assert.False(shop.Headers.Contains("Server"), "Server header sent");
        }

        using (var login = await GetAsync(publicPort, "/Account/Login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Equal("no-store", login.Headers.CacheControl?.ToString());
        }

        // /metrics is not on the public port, not even when the Host header names the management port.
        using (var hidden = await GetAsync(publicPort, "/metrics"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var spoofed = await GetAsync(publicPort, "/metrics", $"{host}:{metricsPort}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, spoofed.StatusCode);
        }

        // On the management port: /metrics, and nothing of the shop. Prometheus sends the pod/container address as Host.
        using (var metrics = await GetAsync(metricsPort, "/metrics", $"10.1.2.3:{metricsPort}"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains("# TYPE ", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var notShop = await GetAsync(metricsPort, "/shop"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notShop.StatusCode);
        }

        // The probes, where the manifests send them: the kubelet's Host is the pod IP, which AllowedHosts does not list.
        foreach (var probe in probes)
        {
            using var answer = await GetAsync(Local(probe.ContainerPort), probe.Path, $"10.1.2.3:{probe.ContainerPort}");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{probe.Name} {probe.Path} on port {probe.ContainerPort}: {(int)answer.StatusCode}");
        }

        // A Host outside AllowedHosts gets the friendly 400 page, not the shop with links to someone else's host.
        using (var foreign = await GetAsync(publicPort, "/Account/Login", "evil.example"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
            Assert.Contains("id=\"status-title\"", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string?> PointAtTestDatabase(Dictionary<string, string?> environment, NpgsqlConnectionStringBuilder database)
    {
        Assert.True(environment.ContainsKey("DB_HOST") && environment.ContainsKey("DB_PORT"), "the shipped environment configures DB_HOST and DB_PORT");
        environment["DB_HOST"] = database.Host;
        environment["DB_PORT"] = database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }
}
