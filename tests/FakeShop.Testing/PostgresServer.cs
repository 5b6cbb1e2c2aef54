using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FakeShop.Testing;

/// <summary>
/// A PostgreSQL server for tests. Uses SHOP_TEST_PG (a connection string to a server where the user may create
/// databases) when set; otherwise starts a private throwaway cluster with initdb + pg_ctl in a temp folder (about a
/// second) and removes it on dispose. Each test assembly gets its own database, so projects can run in parallel.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private readonly string? _dataRoot;
    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString, string? dataRoot)
    {
        _adminConnectionString = adminConnectionString;
        _dataRoot = dataRoot;
    }

    /// <param name="forceThrowaway">Always a private cluster, even with SHOP_TEST_PG: for tests that stop it.</param>
    /// <param name="defaultMaxConnections">
    /// Keep PostgreSQL's default max_connections (100) instead of raising it to 300: for tests that prove the app's
    /// pools fit a stock server. Implies a private cluster (an external server's setting is unknown).
    /// </param>
    public static async Task<PostgresServer> StartAsync(bool forceThrowaway = false, bool defaultMaxConnections = false)
    {
        var external = Environment.GetEnvironmentVariable("SHOP_TEST_PG");
        if (!forceThrowaway && !defaultMaxConnections && !string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null);
        }

        if (!File.Exists(Path.Combine(PgBin, "initdb")))
        {
            throw new InvalidOperationException(
                "PostgreSQL 15 is not installed (no " + PgBin + "/initdb). Install it with 'apt-get install postgresql' or set SHOP_TEST_PG.");
        }

        var root = Directory.CreateTempSubdirectory("fakeshop-pg-").FullName;
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres: {root}");
        }

        await RunPgAsync(asRoot, "initdb", $"-D {root}/data -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8");
        // Durability is irrelevant for a throwaway test cluster; speed is not.
        // The server options go into postgresql.auto.conf, so RestartAsync (a plain "pg_ctl start") comes back on the
        // same port and socket folder; passed with -o they would apply to the first start only.
        await File.AppendAllTextAsync(Path.Combine(root, "data", "postgresql.auto.conf"),
            $"port = {port}\nunix_socket_directories = '{root}'\nlisten_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            + (defaultMaxConnections ? string.Empty : "max_connections = 300\n"));
        await RunPgAsync(asRoot, "pg_ctl", $"-D {root}/data -l {root}/log -w -t 60 start");
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", root);
    }

    /// <summary>Creates (or recreates) an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var conn = new NpgsqlConnection(_adminConnectionString))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
    }

    /// <summary>Stops the cluster with the given mode and starts it again later: for outage tests.</summary>
    public Task StopAsync() => _dataRoot is null
        ? throw new InvalidOperationException("Cannot stop an external server.")
        : RunPgAsync(Environment.UserName == "root", "pg_ctl", $"-D {_dataRoot}/data -m fast -w stop");

    public Task RestartAsync() => _dataRoot is null
        ? throw new InvalidOperationException("Cannot start an external server.")
        : RunPgAsync(Environment.UserName == "root", "pg_ctl", $"-D {_dataRoot}/data -l {_dataRoot}/log -w -t 60 start");

    public bool IsThrowaway => _dataRoot is not null;

    public async ValueTask DisposeAsync()
    {
        if (_dataRoot is null)
        {
            return;
        }

        try
        {
            await RunPgAsync(Environment.UserName == "root", "pg_ctl", $"-D {_dataRoot}/data -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped (an outage test may have left it down).
        }

        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPgAsync(bool asRoot, string tool, string arguments) => asRoot
        ? RunAsync("runuser", $"-u postgres -- {PgBin}/{tool} {arguments}")
        : RunAsync($"{PgBin}/{tool}", arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        var psi = new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
