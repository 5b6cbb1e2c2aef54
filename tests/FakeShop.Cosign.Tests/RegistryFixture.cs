using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FakeShop.Cosign.Tests;

/// <summary>
/// A real distribution v2 registry (docker-registry serve) on a free 127.0.0.1 port, with its own config and
/// storage in a temporary folder, plus two key pairs. Stopped and removed when the test class is done.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Password = "fixture-password";

    private readonly StringBuilder _log = new();
    private Process? _process;

    public string Address { get; private set; } = string.Empty;

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("cosign-registry-").FullName;

    public string KeyPrefix => Path.Combine(WorkDirectory, "signer");

    public string OtherKeyPrefix => Path.Combine(WorkDirectory, "other");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (RegistryBinary.Path is null)
        {
            if (RegistryBinary.RequiredByCi)
            {
                throw new InvalidOperationException($"CI=true but docker-registry is not installed: {RegistryBinary.InstallHint}");
            }

            return;
        }

        foreach (var prefix in new[] { KeyPrefix, OtherKeyPrefix })
        {
            var generated = await CliRunner.RunAsync(CliRunner.Password(Password), "generate-key-pair", "--output-key-prefix", prefix);
            Assert.True(generated.ExitCode == 0, generated.Error);
        }

        var port = FreePort();
        Address = $"127.0.0.1:{port}";
        var storage = Path.Combine(WorkDirectory, "data");
        var config = Path.Combine(WorkDirectory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log: {"{"}level: warn{"}"}
            storage: {"{"}filesystem: {"{"}rootdirectory: {storage}{"}"}, delete: {"{"}enabled: true{"}"}{"}"}
            http: {"{"}addr: {Address}{"}"}
            """);

        var start = new ProcessStartInfo(RegistryBinary.Path, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}: {Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Address}/v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"docker-registry did not answer on {Address} within 10 s: {Log}");
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }

    internal RegistryClient CreateClient() => new(Address, allowHttp: false, skipTlsVerify: false);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
