using FakeShop.Infrastructure.Identity;
using FakeShop.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeShop.Infrastructure.Database;

/// <summary>
/// Applies migrations and the idempotent seed: the .NET replacement for the original image's entrypoint.py. On
/// PostgreSQL it holds an advisory lock so that replicas started together migrate and seed one after the other.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceProvider services, ILogger<DatabaseMigrator> logger)
{
    private const long AdvisoryLockKey = 0x46616B6553686F70; // "FakeShop"

    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(schemaCurrent: null, cancellationToken);

    /// <param name="schemaCurrent">Called once the schema is current, before the seed: from then on the app reads Data
    /// Protection's key table while the seed and the admin check go on (ADR 24, 27).</param>
    /// <param name="cancellationToken">Ends the wait for the lock and the work.</param>
    public async Task MigrateAsync(Action? schemaCurrent, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var isPostgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

        await db.Database.OpenConnectionAsync(cancellationToken);
        var locked = false;
        try
        {
            if (isPostgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
                locked = true;
            }

            var pending = await MigrationHistory.AllAppliedAsync(db, cancellationToken)
                ? []
                : (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogApplying(pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }

            schemaCurrent?.Invoke();

            var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
            await seeder.SeedAsync(db, cancellationToken);

            // Inside the lock too, so replicas starting together cannot both create the first admin.
            if (scope.ServiceProvider.GetService<AdminSeeder>() is { } adminSeeder)
            {
                await adminSeeder.SeedAsync(cancellationToken);
            }
        }
        finally
        {
            // Released on failure too: pooled connections go back without a reset (ADR 23), so a lock left behind would
            // stay with the connection and hold up the other replicas' migrations.
            if (locked)
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                }
                catch (System.Data.Common.DbException)
                {
                    // A broken connection is not returned to the pool; its session, and the lock with it, ends.
                }
            }

            await db.Database.CloseConnectionAsync();
        }

        LogDone();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s): {Migrations}")]
    private partial void LogApplying(int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is up to date and seeded")]
    private partial void LogDone();
}
