using Npgsql;
using Respawn;
using Respawn.Graph;

namespace FakeShop.Testing;

/// <summary>Empties every table except the migration history, between tests, in milliseconds.</summary>
public sealed class DatabaseReset
{
    private readonly string _connectionString;
    private Respawner? _respawner;

    public DatabaseReset(string connectionString) => _connectionString = connectionString;

    public async Task ResetAsync()
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(conn, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            WithReseed = true,
            // Data Protection keys survive resets so cookies issued earlier in a test run stay readable.
            TablesToIgnore = [new Table("__EFMigrationsHistory"), new Table("__EFMigrationsLock"), new Table("DataProtectionKeys")],
        });
        await _respawner.ResetAsync(conn);
    }
}
