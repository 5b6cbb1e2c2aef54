using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Ordering;
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

    /// <remarks>
    /// One statement: the version-checked UPDATE and the history INSERT of the rows it updated, atomic as any single
    /// statement, so a lost race writes neither. The change tracker's save sent the same two statements in a
    /// transaction of its own: two round trips (BEGIN with the batch, then COMMIT) and its change detection and
    /// command building, on every approved checkout (docs/performance.md, "Checkout flow, session 5").
    /// </remarks>
    public override async Task SaveCardApprovalAsync(Order order, CancellationToken ct)
    {
        var entry = Entry(order);
        var payment = order.Payment ?? throw new InvalidOperationException("The order has no card payment to save.");
        var change = order.History[^1];
        var status = order.Status.ToString();
        var readVersion = entry.Property(o => o.Version).OriginalValue;
        var written = await Database.SqlQuery<int>($"""
            WITH settled AS (
                UPDATE orders
                SET "Status" = {status}, "Version" = {order.Version}, "PaymentAuthorizationId" = {payment.AuthorizationId},
                    "CardBrand" = {payment.CardBrand}, "CardLast4" = {payment.CardLast4}
                WHERE "Id" = {order.Id} AND "Version" = {readVersion}
                RETURNING "Id")
            INSERT INTO order_status_changes ("ChangedAt", "ChangedBy", "OrderId", "Status")
            SELECT {change.ChangedAt}, {change.ChangedBy}, "Id", {change.Status.ToString()} FROM settled
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        if (written.Count == 0)
        {
            throw new ConflictException(ConflictException.Edited, "Someone else settled the order first; nothing was written.");
        }

        // What the statement wrote is what the tracker holds now: nothing left for a later save to repeat.
        Entry(change).Property(h => h.Id).CurrentValue = written[0];
        ChangeTracker.AcceptAllChanges();
    }

    public override async Task WaitUntilDurableAsync(CancellationToken ct) =>
        await Database.ExecuteSqlRawAsync(DurableFlushSql, ct);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // numeric(12,2): exact centavos, sortable and summable in SQL.
        configurationBuilder.Properties<Money>().HaveConversion<MoneyToDecimalConverter>().HavePrecision(12, 2);
    }
}
