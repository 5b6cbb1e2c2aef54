using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FakeShop.Operations.Tests.Support;

/// <summary>
/// The built app run as its own process (<c>dotnet FakeShop.Web.dll</c>), the way a container runs it: real
/// signals, real exit codes, real stdout. Dispose kills it if a test left it running.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly string[] InheritedPrefixesToDrop =
        ["ASPNETCORE_", "DOTNET_URLS", "ConnectionStrings__", "Database__", "DB_", "Metrics__", "Shutdown__", "RateLimiting__", "Shipping__", "Admin__", "OTEL_", "Logging__",
         "ForwardedHeaders__", "AllowedHosts", "Housekeeping__", "Login__", "Kestrel__"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Stdout => [.. _stdout];

    public IReadOnlyList<string> Stderr => [.. _stderr];

    /// <summary>The app's folder: FakeShop.Web.dll with its runtimeconfig and deps, next to the tests.</summary>
    public static string WebDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "FakeShop.Web.dll");
            Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"No runnable FakeShop.Web.dll next to the tests ({dll})");
            return dll;
        }
    }

    /// <summary>src/Web: appsettings.json and wwwroot, as in the image's /app.</summary>
    public static string ContentRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FakeShop.slnx")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return Path.Combine(dir.FullName, "src", "Web");
        }
    }

    public static AppProcess Start(IDictionary<string, string?> environment, params string[] arguments) =>
        Start(FreePort(), environment, defaults: true, arguments);

    /// <summary>
    /// The app with exactly the given environment (nothing of the test runner's, no defaults): for starting a shipped
    /// configuration as it is. <paramref name="port"/> is the public port that environment configures.
    /// </summary>
    public static AppProcess StartExactly(int port, IDictionary<string, string?> environment, params string[] arguments) =>
        Start(port, environment, defaults: false, arguments);

    private static AppProcess Start(int port, IDictionary<string, string?> environment, bool defaults, string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ContentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(WebDll);
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var key in psi.Environment.Keys.Where(k => InheritedPrefixesToDrop.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            psi.Environment.Remove(key);
        }

        if (defaults)
        {
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { app._stdout.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { app._stderr.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Environment for the app on a PostgreSQL database.</summary>
    public static Dictionary<string, string?> PostgresEnvironment(string connectionString, bool migrateOnStartup = true) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Shop"] = connectionString,
        ["Database__MigrateOnStartup"] = migrateOnStartup ? "true" : "false",
    };

    public HttpClient NewClient(bool followRedirects = false, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = followRedirects, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public Task WaitUntilReadyAsync(TimeSpan? timeout = null, string? host = null) => WaitUntilAnswersAsync("/health/ready", timeout, host);

    /// <summary>Polls <paramref name="path"/> until it answers 200; fails when the app exits or the time is up.</summary>
    public async Task WaitUntilAnswersAsync(string path, TimeSpan? timeout = null, string? host = null)
    {
        using var http = NewClient();
        if (host is not null)
        {
            http.DefaultRequestHeaders.Host = host;
        }

        http.Timeout = TimeSpan.FromSeconds(5);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(90)))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The app exited with {_process.ExitCode} before {path} answered.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail($"The app did not answer {path} in time.\n{Output}");
    }

    /// <summary>SIGTERM, what Kubernetes and docker stop send (Process.Kill would be SIGKILL).</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The app did not exit within {timeout.TotalSeconds} s.\n{Output}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public string Output => "--- stdout ---\n" + string.Join('\n', _stdout) + "\n--- stderr ---\n" + string.Join('\n', _stderr);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
