using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FakeShop.Container.Tests;

/// <summary>
/// Builds and starts everything once for the collection, all on 127.0.0.1 with free ports and temp dirs:
/// a docker-registry with its own config; dockerd (overlay2, own data/exec root and socket) or, without
/// dockerd, podman with its own storage and containers.conf; the base images (docker/base/*.sh); the app
/// image (docker/build.sh, pushed to the registry); a throwaway PostgreSQL 15 cluster; `IMAGE migrate`;
/// and finally the app serving read-only, with all capabilities dropped and no-new-privileges.
/// DisposeAsync stops all of it and deletes the temp dirs.
/// </summary>
public sealed partial class ContainerFixture : IAsyncLifetime
{
    public const string ImageName = "fakeshop/web";
    public const string AppEntrypoint = "/app/FakeShop.Web";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);
    private readonly IMessageSink _sink;
    private readonly List<string> _timings = [];
    private readonly List<Process> _background = [];
    private readonly List<string> _containers = [];
    private string? _workDir;
    private string? _pgDir;
    private Process? _registry;
    private Process? _dockerd;
    private bool _postgresStarted;

    public ContainerFixture(IMessageSink sink)
    {
        _sink = sink;
        RepositoryRoot = FindRepositoryRoot();
    }

    public bool Available { get; private set; }

    public string RepositoryRoot { get; }

    public string Registry { get; private set; } = string.Empty;

    public string Repository => $"{Registry}/{ImageName}";

    /// <summary>The pushed image, repo@sha256:..., as printed by docker/build.sh.</summary>
    public string ImageReference { get; private set; } = string.Empty;

    public string Digest => ImageReference[(ImageReference.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>The SBOM docker/build.sh wrote for the image (SBOM_FILE).</summary>
    public string SbomFile => Path.Combine(WorkDir, "sbom.cdx.json");

    /// <summary>The version tag and the short-commit tag docker/build.sh pushed.</summary>
    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>The git commit docker/build.sh built (HEAD when it started; others may commit meanwhile).</summary>
    public string BuildRevision { get; private set; } = string.Empty;

    public string RuntimeBaseImage => $"{Registry}/dotnet/aspnet:10.0-distroless";

    public string RuntimeDepsImage => $"{Registry}/dotnet/runtime-deps:10.0-distroless";

    public string SdkImage => $"{Registry}/dotnet/sdk:10.0";

    public string EngineName { get; private set; } = string.Empty;

    public string EngineCli { get; private set; } = string.Empty;

    public Dictionary<string, string?> EngineEnvironment { get; } = new(StringComparer.Ordinal);

    public ProcessResult? Migrate { get; private set; }

    public string AppContainer { get; private set; } = string.Empty;

    public int AppPid { get; private set; }

    public Uri AppBaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The app container's management port (Metrics__Port), where /metrics is served.</summary>
    public Uri AppMetricsAddress { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string WorkDir => _workDir ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync()
    {
        if (Tooling.MissingReason is { } reason)
        {
            if (Tooling.RequiredByCi)
            {
                throw new InvalidOperationException($"CI=true but the container tests cannot run: {reason}");
            }

            Log($"container tests skipped: {reason}");
            return;
        }

        _workDir = Directory.CreateTempSubdirectory("fakeshop-ct-").FullName;
        try
        {
            await StartRegistryAsync();
            await StartEngineAsync();
            await BuildBaseImagesAsync();
            await BuildAppImageAsync();
            await StartPostgresAsync();
            await RunMigrateAsync();
            await StartAppAsync();
            Available = true;
            Log("container fixture ready; timings: " + string.Join("; ", _timings));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        var problems = new List<string>();
        async Task Try(string what, Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                problems.Add($"{what}: {ex.Message}");
            }
        }

        await Try("compose down", StopComposeAsync);
        foreach (var container in _containers.ToList())
        {
            await Try($"remove container {container}", () => EngineAsync(["rm", "-f", container], TimeSpan.FromMinutes(1)));
        }

        _containers.Clear();
        if (_postgresStarted && _pgDir is not null)
        {
            await Try("stop postgres", () => AsPostgresAsync($"{Tooling.PgBin}/pg_ctl -D {_pgDir}/data -m fast -w stop"));
            _postgresStarted = false;
        }

        await Try("stop dockerd", () => ProcessRunner.StopAsync(_dockerd, TimeSpan.FromSeconds(30)));
        _dockerd = null;
        await Try("stop registry", () => ProcessRunner.StopAsync(_registry, TimeSpan.FromSeconds(10)));
        _registry = null;
        foreach (var process in _background)
        {
            await Try("stop helper", () => ProcessRunner.StopAsync(process, TimeSpan.FromSeconds(10)));
        }

        _background.Clear();
        foreach (var dir in new[] { _workDir, _pgDir })
        {
            if (dir is not null)
            {
                await Try($"delete {dir}", () => DeleteTreeAsync(dir));
            }
        }

        _workDir = null;
        _pgDir = null;
        if (problems.Count > 0)
        {
            Log("cleanup problems: " + string.Join("; ", problems));
        }
    }

    /// <summary>Runs the container engine CLI with the fixture's DOCKER_HOST / podman config.</summary>
    public Task<ProcessResult> EngineAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(EngineCli, arguments, EngineEnvironment, timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>Runs one of the repository's scripts (path relative to the repo root) with bash.</summary>
    public Task<ProcessResult> ScriptAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync("bash", new[] { Path.Combine(RepositoryRoot, script) }.Concat(arguments), environment, timeout, RepositoryRoot);

    /// <summary>GET a manifest from the test registry: (raw bytes, media type, Docker-Content-Digest).</summary>
    public async Task<(byte[] Body, string MediaType, string Digest)> GetManifestAsync(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{Registry}/v2/{repository}/manifests/{reference}"));
        foreach (var type in new[]
                 {
                     "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
                     "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json",
                 })
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET manifest {repository}:{reference} -> {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : string.Empty;
        return (body, response.Content.Headers.ContentType?.MediaType ?? string.Empty, digest);
    }

    public async Task<JsonDocument> GetImageConfigAsync(string repository, string reference)
    {
        var (body, _, _) = await GetManifestAsync(repository, reference);
        using var manifest = JsonDocument.Parse(body);
        var configDigest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString();
        var config = await Http.GetByteArrayAsync(new Uri($"http://{Registry}/v2/{repository}/blobs/{configDigest}"));
        return JsonDocument.Parse(config);
    }

    public async Task<string> AppLogsAsync()
    {
        var result = await EngineAsync(["logs", "--tail", "60", AppContainer]);
        return result.StandardOutput + result.StandardError;
    }

    public void Log(string message) => _sink.OnMessage(new DiagnosticMessage($"[container] {message}"));

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docker", "Dockerfile")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"repository root (with docker/Dockerfile) not found above {AppContext.BaseDirectory}");
    }

    private async Task<T> TimedAsync<T>(string step, Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var result = await action();
        _timings.Add($"{step} {watch.Elapsed.TotalSeconds:F1} s");
        Log($"{step}: {watch.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private async Task TimedAsync(string step, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        _timings.Add($"{step} {watch.Elapsed.TotalSeconds:F1} s");
        Log($"{step}: {watch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task StartRegistryAsync()
    {
        var port = FreePort();
        Registry = $"127.0.0.1:{port}";
        var dir = Path.Combine(WorkDir, "registry");
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var config = Path.Combine(dir, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log: {"{"}level: warn{"}"}
            storage: {"{"}filesystem: {"{"}rootdirectory: {dir}/data{"}"}, delete: {"{"}enabled: true{"}"}{"}"}
            http: {"{"}addr: {Registry}{"}"}
            """);
        await TimedAsync("registry start", async () =>
        {
            _registry = ProcessRunner.StartBackground(ProcessRunner.Which("docker-registry")!, ["serve", config], Path.Combine(dir, "registry.log"));
            await WaitUntilAsync($"registry on {Registry}", TimeSpan.FromSeconds(20), async () =>
            {
                try
                {
                    using var response = await Http.GetAsync(new Uri($"http://{Registry}/v2/"));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet: a poll that comes before the registry has bound its port is refused, and
                    // that used to fail the whole fixture instead of waiting (seen once in a full run, 2 Dec).
                    return false;
                }
            }, () => File.ReadAllText(Path.Combine(dir, "registry.log")));
        });
    }

    private async Task StartEngineAsync()
    {
        EngineName = Tooling.Engine!;
        if (EngineName == "docker")
        {
            // The 20.10 CLI from docker.io uses the daemon's BuildKit (DOCKER_BUILDKIT=1); a CLI >= 23 without
            // buildx would fall back to the legacy builder, which also works.
            EngineCli = File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : ProcessRunner.Which("docker")!;
            var dk = Path.Combine(WorkDir, "dk");
            Directory.CreateDirectory(Path.Combine(dk, "data"));
            Directory.CreateDirectory(Path.Combine(dk, "exec"));
            var socket = $"unix://{dk}/docker.sock";
            EngineEnvironment["DOCKER_HOST"] = socket;
            EngineEnvironment["DOCKER_CONFIG"] = Path.Combine(dk, "config");
            await TimedAsync("dockerd start (overlay2)", async () =>
            {
                _dockerd = ProcessRunner.StartBackground(ProcessRunner.Which("dockerd")!,
                [
                    "--data-root", $"{dk}/data", "--exec-root", $"{dk}/exec", "--pidfile", $"{dk}/dockerd.pid",
                    "-H", socket, "--storage-driver=overlay2", "--iptables=false", "--ip6tables=false", "--bridge=none",
                    "--default-address-pool", $"base={UnusedAddressPool()},size=24", "--log-level=warn",
                ], Path.Combine(dk, "dockerd.log"));
                await WaitUntilAsync("dockerd", TimeSpan.FromSeconds(60), async () =>
                {
                    if (_dockerd.HasExited)
                    {
                        throw new InvalidOperationException("dockerd exited: " + ProcessResult.Tail(await File.ReadAllTextAsync(Path.Combine(dk, "dockerd.log")), 30));
                    }

                    return (await EngineAsync(["info", "--format", "{{.Driver}}"], TimeSpan.FromSeconds(20))).Succeeded;
                }, () => File.ReadAllText(Path.Combine(dk, "dockerd.log")));
            });
        }
        else
        {
            // containers.md §4b: the sandbox refuses podman's default rlimits and crun's hybrid-cgroup setup.
            // overlay rather than the vfs used there: vfs copies the 1.2 GB SDK filesystem for every build step.
            EngineCli = ProcessRunner.Which("podman")!;
            var pm = Path.Combine(WorkDir, "pm");
            Directory.CreateDirectory(Path.Combine(pm, "tmp"));
            var conf = Path.Combine(pm, "containers.conf");
            await File.WriteAllTextAsync(conf, $"""
                [containers]
                default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
                netns = "host"
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                events_logger = "file"
                tmp_dir = "{pm}/tmp"
                """);
            var storage = Path.Combine(pm, "storage.conf");
            await File.WriteAllTextAsync(storage, $"""
                [storage]
                driver = "overlay"
                graphroot = "{pm}/root"
                runroot = "{pm}/run"
                """);
            // The test registry speaks plain HTTP; docker trusts 127.0.0.0/8 by default, podman needs to be told
            // (build.sh passes --tls-verify=false, but `podman run IMAGE@digest` pulls the pushed image again).
            var registries = Path.Combine(pm, "registries.conf");
            await File.WriteAllTextAsync(registries, $"""
                unqualified-search-registries = []
                [[registry]]
                location = "{Registry}"
                insecure = true
                """);
            EngineEnvironment["CONTAINERS_CONF"] = conf;
            EngineEnvironment["CONTAINERS_STORAGE_CONF"] = storage;
            EngineEnvironment["CONTAINERS_REGISTRIES_CONF"] = registries;
            (await EngineAsync(["info", "--format", "{{.Store.GraphDriverName}}"])).EnsureSuccess();
        }

        Log($"engine: {EngineName} ({EngineCli})");
    }

    private async Task BuildBaseImagesAsync()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["REGISTRY"] = Registry };
        var sdk = await TimedAsync("SDK image (build-sdk-image.sh)", () =>
            ScriptAsync("docker/base/build-sdk-image.sh", [], env, TimeSpan.FromMinutes(15)));
        sdk.EnsureSuccess();
        var runtime = await TimedAsync("runtime bases (build-runtime-base.sh)", () =>
            ScriptAsync("docker/base/build-runtime-base.sh", [], env, TimeSpan.FromMinutes(10)));
        runtime.EnsureSuccess();
        Log("base images: " + string.Join(", ", (sdk.StandardOutput + runtime.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    private async Task BuildAppImageAsync()
    {
        var env = new Dictionary<string, string?>(EngineEnvironment, StringComparer.Ordinal)
        {
            ["REGISTRY"] = Registry,
            ["IMAGE_NAME"] = ImageName,
            ["SDK_IMAGE"] = SdkImage,
            ["RUNTIME_IMAGE"] = RuntimeBaseImage,
            ["ENGINE"] = EngineName,
            ["DOCKER"] = EngineName == "docker" ? EngineCli : null,
            ["VERSION"] = null,
            ["SBOM_FILE"] = SbomFile,
        };
        var build = await TimedAsync("app image (docker/build.sh)", () => ScriptAsync("docker/build.sh", [], env, BuildTimeout));
        build.EnsureSuccess();
        var lines = build.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ImageReference = lines.Length > 0 ? lines[^1].Trim() : string.Empty;
        if (!DigestReference().IsMatch(ImageReference) || !ImageReference.StartsWith(Repository + "@", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"docker/build.sh did not print {Repository}@sha256:...; got '{ImageReference}'{Environment.NewLine}{build.Describe()}");
        }

        var tagLine = TagLine().Match(build.StandardError);
        Tags = tagLine.Success ? [tagLine.Groups["version"].Value, tagLine.Groups["commit"].Value] : [];
        BuildRevision = tagLine.Success ? tagLine.Groups["revision"].Value : string.Empty;
        Log($"pushed {ImageReference} (tags {string.Join(", ", Tags)})");
    }

    private async Task StartPostgresAsync()
    {
        var port = FreePort();
        PostgresPort = port;
        _pgDir = Directory.CreateTempSubdirectory("fakeshop-ct-pg-").FullName;
        (await ProcessRunner.RunAsync("chown", ["postgres:", _pgDir])).EnsureSuccess();
        await TimedAsync("postgres 15 initdb+start", async () =>
        {
            await AsPostgresAsync($"{Tooling.PgBin}/initdb -D {_pgDir}/data -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8");
            await AsPostgresAsync($"{Tooling.PgBin}/pg_ctl -D {_pgDir}/data -l {_pgDir}/log -w -t 60 -o " +
                $"'-p {port} -k {_pgDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start");
            _postgresStarted = true;
            (await ProcessRunner.RunAsync($"{Tooling.PgBin}/psql",
            [
                "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q",
                "-c", "CREATE ROLE shop LOGIN PASSWORD 'shop'", "-c", "CREATE DATABASE shop OWNER shop",
            ])).EnsureSuccess();
        });
    }

    public int PostgresPort { get; private set; }

    /// <summary>The arguments every app container gets: the hardening under test plus the database settings.</summary>
    public IEnumerable<string> HardenedRunArguments() =>
    [
        "--network", "host", "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
        "-e", "Database__Provider=Postgres",
        "-e", $"ConnectionStrings__Shop=Host=127.0.0.1;Port={PostgresPort};Database=shop;Username=shop;Password=shop",
    ];

    private async Task RunMigrateAsync()
    {
        var name = $"fakeshop-ct-migrate-{Guid.NewGuid():N}"[..32];
        _containers.Add(name);
        Migrate = await TimedAsync("IMAGE migrate", () =>
            EngineAsync(new[] { "run", "--name", name }.Concat(HardenedRunArguments()).Concat([ImageReference, "migrate"]), TimeSpan.FromMinutes(5)));
        Log($"migrate exit code {Migrate.ExitCode}");
    }

    private async Task StartAppAsync()
    {
        var port = FreePort();
        AppBaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var metricsPort = FreePort();
        AppMetricsAddress = new Uri($"http://127.0.0.1:{metricsPort}/");
        AppContainer = $"fakeshop-ct-app-{Guid.NewGuid():N}"[..28];
        _containers.Add(AppContainer);
        await TimedAsync("app start until /health/ready", async () =>
        {
            (await EngineAsync(new[] { "run", "-d", "--name", AppContainer }
                .Concat(HardenedRunArguments())
                .Concat(["-e", $"ASPNETCORE_HTTP_PORTS={port}", "-e", $"Metrics__Port={metricsPort}", ImageReference]))).EnsureSuccess();
            await WaitUntilAsync("app /health/ready", TimeSpan.FromSeconds(120), async () =>
            {
                var state = await EngineAsync(["inspect", "-f", "{{.State.Running}}", AppContainer]);
                if (state.StandardOutput.Trim() != "true")
                {
                    throw new InvalidOperationException($"app container stopped: {await AppLogsAsync()}");
                }

                try
                {
                    using var response = await Http.GetAsync(new Uri(AppBaseAddress, "health/ready"));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, () => AppLogsAsync().GetAwaiter().GetResult());
        });
        var pid = await EngineAsync(["inspect", "-f", "{{.State.Pid}}", AppContainer]);
        AppPid = int.Parse(pid.EnsureSuccess().StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task AsPostgresAsync(string command) =>
        (await ProcessRunner.RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command], timeout: TimeSpan.FromMinutes(2))).EnsureSuccess();

    private static async Task WaitUntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition, Func<string> diagnostics)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what} not ready after {timeout.TotalSeconds} s{Environment.NewLine}{ProcessResult.Tail(diagnostics(), 40)}");
    }

    private static async Task DeleteTreeAsync(string dir)
    {
        // Anything the engines left mounted below the dir (netns files of dockerd's exec root, overlay
        // mounts after a crash, podman's shm) is lazily unmounted first, deepest first.
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mountinfo"))
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point.StartsWith(dir + "/", StringComparison.Ordinal))
            .OrderByDescending(point => point.Length)
            .ToList();
        foreach (var point in mounts)
        {
            await ProcessRunner.RunAsync("umount", ["-l", point], timeout: TimeSpan.FromSeconds(30));
        }

        if (Directory.Exists(dir))
        {
            (await ProcessRunner.RunAsync("rm", ["-rf", "--one-file-system", dir], timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
        }
    }

    [GeneratedRegex(@"^[a-z0-9.:/_-]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestReference();

    [GeneratedRegex(@"image:\s+\S+:(?<version>[A-Za-z0-9_.-]+) and :(?<commit>[A-Za-z0-9_.-]+) \(revision (?<revision>\S+)\)")]
    private static partial Regex TagLine();
}

[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerFixture>
{
    public const string Name = "container image";
}
