using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace FakeShop.Container.Tests;

/// <summary>
/// docker/compose.yaml as shipped, started once with Debian's docker-compose against the fixture's dockerd: the
/// infrastructure images come from docker/base/build-service-images.sh (Docker Hub is out of reach), the app image
/// is the one the fixture built, and only the variables the file itself offers are set (.env in the temp dir).
/// Grafana is left out (its image cannot be assembled from Debian packages); its provisioning is checked as files by
/// FakeShop.Deployment.Tests.
/// </summary>
public sealed partial class ContainerFixture
{
    public static readonly string[] ComposeServices = ["postgres", "migrate", "web", "proxy", "prometheus"];

    /// <summary>
    /// The Host header for requests straight to a replica: what nginx passes on for a request to the published loopback
    /// port. A replica's own address is not a host name the shop is meant to answer to (AllowedHosts).
    /// </summary>
    public const string ComposeHost = "localhost";

    private readonly SemaphoreSlim _composeLock = new(1, 1);
    private ComposeStack? _compose;
    private Exception? _composeFailure;

    /// <summary>The running stack: project name, where nginx and Prometheus are published, the replicas' addresses.</summary>
    public sealed record ComposeStack(
        string Project,
        Uri Proxy,
        Uri Prometheus,
        IReadOnlyList<string> WebContainers,
        IReadOnlyDictionary<string, string> FrontendAddresses,
        IReadOnlyDictionary<string, string> BackendAddresses,
        ProcessResult Up);

    public async Task<ComposeStack> ComposeStackAsync()
    {
        await _composeLock.WaitAsync();
        try
        {
            if (_composeFailure is not null)
            {
                throw new InvalidOperationException("the compose stack failed to start (see the first failing test)", _composeFailure);
            }

            try
            {
                return _compose ??= await StartComposeAsync();
            }
            catch (Exception ex)
            {
                _composeFailure = ex;
                throw;
            }
        }
        finally
        {
            _composeLock.Release();
        }
    }

    /// <summary>Runs docker-compose for the test project with the fixture's daemon and the test .env.</summary>
    public Task<ProcessResult> ComposeAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(
            ProcessRunner.Which("docker-compose") ?? throw new InvalidOperationException("docker-compose not installed"),
            new[] { "--project-name", ComposeProject, "--env-file", ComposeEnvFile, "-f", Path.Combine(RepositoryRoot, "docker", "compose.yaml") }.Concat(arguments),
            EngineEnvironment,
            timeout ?? TimeSpan.FromMinutes(2),
            RepositoryRoot);

    private string ComposeProject { get; } = $"fakeshop-ct-{Guid.NewGuid():N}"[..20];

    private string ComposeEnvFile => Path.Combine(WorkDir, "compose.env");

    private async Task<ComposeStack> StartComposeAsync()
    {
        if (EngineName != "docker")
        {
            throw new InvalidOperationException($"the compose stack test needs dockerd (docker-compose); the engine here is {EngineName}");
        }

        var images = await TimedAsync("service images (build-service-images.sh)", () =>
            ScriptAsync("docker/base/build-service-images.sh", [], new Dictionary<string, string?>(StringComparer.Ordinal) { ["REGISTRY"] = Registry }, TimeSpan.FromMinutes(20)));
        images.EnsureSuccess();
        Log("service images: " + string.Join(", ", images.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var proxyPort = FreePort();
        var prometheusPort = FreePort();
        // Only the variables compose.yaml offers; secrets are throwaway values made for this run.
        await File.WriteAllLinesAsync(ComposeEnvFile,
        [
            $"COMPOSE_PROJECT_NAME={ComposeProject}",
            $"SHOP_IMAGE={ImageReference}",
            $"POSTGRES_IMAGE={Registry}/bookworm/postgres:15",
            $"NGINX_IMAGE={Registry}/bookworm/nginx:1.22",
            $"PROMETHEUS_IMAGE={Registry}/bookworm/prometheus:2",
            "DB_NAME=fakeshop",
            "DB_USER=fakeshop",
            $"DB_PASSWORD=db-{Guid.NewGuid():N}",
            "ADMIN_EMAIL=admin@example.com",
            $"ADMIN_PASSWORD=Adm1n-{Guid.NewGuid():N}",
            $"GRAFANA_ADMIN_PASSWORD=unused-{Guid.NewGuid():N}",
            "SHOP_HTTP_ADDRESS=127.0.0.1",
            $"SHOP_HTTP_PORT={proxyPort}",
            $"PROMETHEUS_PORT={prometheusPort}",
        ]);
        _composeStarted = true;
        var up = await TimedAsync("compose up (postgres, migrate, web x2, proxy, prometheus)", () =>
            ComposeAsync(new[] { "up", "-d", "--no-color" }.Concat(ComposeServices), TimeSpan.FromMinutes(10)));
        if (!up.Succeeded)
        {
            throw new InvalidOperationException($"{up.Describe()}{Environment.NewLine}{await ComposeLogsAsync()}");
        }

        var ids = (await ComposeAsync(["ps", "-q", "web"])).EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var frontend = new Dictionary<string, string>(StringComparer.Ordinal);
        var backend = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var inspect = (await EngineAsync(["inspect", "-f", "{{json .NetworkSettings.Networks}}", id])).EnsureSuccess();
            using var networks = JsonDocument.Parse(inspect.StandardOutput);
            foreach (var network in networks.RootElement.EnumerateObject())
            {
                var address = network.Value.GetProperty("IPAddress").GetString() ?? string.Empty;
                if (network.Name.EndsWith("_frontend", StringComparison.Ordinal))
                {
                    frontend[id] = address;
                }
                else if (network.Name.EndsWith("_backend", StringComparison.Ordinal))
                {
                    backend[id] = address;
                }
            }
        }

        var stack = new ComposeStack(ComposeProject, new Uri($"http://127.0.0.1:{proxyPort}/"), new Uri($"http://127.0.0.1:{prometheusPort}/"),
            ids, frontend, backend, up);
        await TimedAsync("compose: replicas and proxy ready", async () =>
        {
            // Each replica directly (the host reaches the compose bridges), then the proxy.
            foreach (var address in frontend.Values)
            {
                await WaitUntilAsync($"replica {address}:8080 /health/ready", TimeSpan.FromSeconds(120),
                    () => IsOkAsync(new Uri($"http://{address}:8080/health/ready"), ComposeHost), () => ComposeLogsAsync().GetAwaiter().GetResult());
            }

            await WaitUntilAsync("nginx /health/ready", TimeSpan.FromSeconds(60),
                () => IsOkAsync(new Uri(stack.Proxy, "health/ready"), null), () => ComposeLogsAsync().GetAwaiter().GetResult());
        });
        return stack;
    }

    public async Task<string> ComposeLogsAsync(int tail = 40)
    {
        var logs = await ComposeAsync(["logs", "--no-color", "--tail", tail.ToString(CultureInfo.InvariantCulture)]);
        var ps = await ComposeAsync(["ps"]);
        return ps.StandardOutput + logs.StandardOutput + logs.StandardError;
    }

    private bool _composeStarted;

    private async Task StopComposeAsync()
    {
        if (!_composeStarted)
        {
            return;
        }

        _composeStarted = false;
        var watch = Stopwatch.StartNew();
        var down = await ComposeAsync(["down", "-v", "--remove-orphans", "--timeout", "10"], TimeSpan.FromMinutes(3));
        Log($"compose down -v: exit {down.ExitCode} in {watch.Elapsed.TotalSeconds:F1} s");
        down.EnsureSuccess();
    }

    private async Task<bool> IsOkAsync(Uri uri, string? host)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Host = host;
            using var response = await Http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// A 10.x.0.0/16 no host route uses, for the networks compose creates: other dockerds on this machine (other test
    /// runs) take their own, so two daemons never put bridges on the same subnet.
    /// </summary>
    private static string UnusedAddressPool()
    {
        var routes = File.ReadAllLines("/proc/net/route").Skip(1)
            .Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 7)
            .Select(f => uint.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .Select(destination => (First: destination & 0xFF, Second: (destination >> 8) & 0xFF))
            .ToHashSet();
        var candidates = Enumerable.Range(100, 150).Where(second => !routes.Contains((10u, (uint)second))).ToList();
        return $"10.{candidates[Random.Shared.Next(candidates.Count)]}.0.0/16";
    }
}
