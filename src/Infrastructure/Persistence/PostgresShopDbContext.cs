using FakeShop.Infrastructure.Persistence.Conventions;
using Npgsql;

namespace FakeShop.Infrastructure.Persistence;

public sealed class PostgresShopDbContext(DbContextOptions<PostgresShopDbContext> options) : ShopDbContext(options)
{
    /// <summary>This transaction only (is_local): the setting ends with it, whatever the pooled connection does next.</summary>
    public const string RelaxCommitSql = "SELECT set_config('synchronous_commit', 'off', true)";

    /// <summary>
    /// A write of its own, committed with the server's synchronous_commit: a commit that wrote WAL waits until the
    /// WAL is flushed up to its record, and WAL is flushed in order, so everything committed before is on disk too.
    /// The transactional logical message is the smallest such write (no table; <c>pg_current_xact_id()</c> alone
    /// writes no WAL, and PostgreSQL skips the flush for a commit that wrote none).
    /// </summary>
    public const string DurableFlushSql = "SELECT pg_logical_emit_message(true, 'fakeshop.durable', '')";

    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <remarks>
    /// The relaxed commit rides in the take itself (a CTE the UPDATE joins, so it runs with it): before, it was a
    /// statement and a round trip of its own in every reservation. The setting is read when the transaction commits,
    /// so where in the transaction it is set does not matter; a failed take rolls everything back anyway.
    /// </remarks>
    public override async Task<int?> TryTakeStockAsync(int productId, int quantity, bool commitWithoutWaitingForDisk, CancellationToken ct) =>
        !commitWithoutWaitingForDisk
            ? await base.TryTakeStockAsync(productId, quantity, commitWithoutWaitingForDisk, ct)
            : SingleOrNull(await Database.SqlQuery<int>($"""
                WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
                UPDATE products SET "Stock" = "Stock" - {quantity}
                FROM relaxed
                WHERE "Id" = {productId} AND "IsActive" AND "Stock" >= {quantity}
                RETURNING "Stock" AS "Value"
                """).ToListAsync(ct));

    public override async Task WaitUntilDurableAsync(CancellationToken ct) =>
        await Database.ExecuteSqlRawAsync(DurableFlushSql, ct);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // numeric(12,2): exact centavos, sortable and summable in SQL.
        configurationBuilder.Properties<Money>().HaveConversion<MoneyToDecimalConverter>().HavePrecision(12, 2);
    }
}
