using System.Data.Common;
using FakeShop.Infrastructure.Persistence;

namespace FakeShop.Infrastructure.Database;

/// <summary>
/// Whether every migration of this build is applied, read with one plain SELECT of the history table. EF's own
/// <c>GetPendingMigrationsAsync</c> first builds a model of the history table with the provider's conventions — on
/// every start before the migration check and again for the first /health/ready, ≈ 100 ms of CPU (docs/performance.md,
/// "Start-up, third round"). When something is pending the migrator still goes through EF.
/// </summary>
public static class MigrationHistory
{
    private const string AppliedSql = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";

    public static async Task<bool> AllAppliedAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = AppliedSql;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            return known.All(applied.Contains);
        }
        catch (DbException)
        {
            return false; // no history table yet: an empty database
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
