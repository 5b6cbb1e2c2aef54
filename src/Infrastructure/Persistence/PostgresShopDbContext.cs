using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Ordering;
using FakeShop.Infrastructure.Persistence.Orders;
using FakeShop.Infrastructure.Persistence.Conventions;
using Microsoft.EntityFrameworkCore.Storage;
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

    /// <summary>
    /// The SQLSTATE <c>fakeshop_take_stock</c> raises when a product has fewer units than a take asks for (or is not
    /// active): an error, so that the statements after it in the reservation's batch — its COMMIT — do not run.
    /// </summary>
    public const string ShortOfStockSqlState = "FS409";

    /// <summary>
    /// The SQLSTATE the reservation's emptying of the cart raises (through <c>fakeshop_raise</c>, migration
    /// <c>CheckoutRaisesWhenCartChanged</c>) when a line it was loaded with, or the cart itself, is gone: another form
    /// of the same cart was placed first. An error, so that the batch's COMMIT does not run (docs/decisions/0029).
    /// </summary>
    public const string CartChangedSqlState = "FS412";

    /// <summary>
    /// One line's take (ADR 6, in the function of migration <c>StockTakeRaisesWhenShort</c>) that also makes this
    /// transaction's commit release its locks without waiting for the disk (ADR 20; this transaction only). The
    /// setting is read at commit, so setting it again for every line does no harm.
    /// </summary>
    private const string TakeSql = $"""
        WITH relaxed AS ({RelaxCommitSql})
        SELECT fakeshop_take_stock($1, $2) FROM relaxed
        """;

    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <remarks>
    /// One round trip (ADR 28, 29): the order's rows and the cart's emptying (<see cref="NewOrderRows"/>: plain
    /// statements named and converted from the EF model, no change tracker), the takes, the COMMIT and the flush of
    /// ADR 20 go out as one batch with one Sync. PostgreSQL runs them in order; the product rows are locked from each
    /// take until the COMMIT a few microseconds later, and the COMMIT does not wait for the disk. The flush runs after
    /// it in an implicit transaction of its own, holding no lock, and that transaction commits — waiting for the WAL
    /// flush, which covers the reservation — before the batch's last answer (ReadyForQuery) comes back, so this method
    /// returns only once the order is on disk. A statement that raises (the form's token or order number already
    /// used, the cart emptied by another submit, a take short of units) skips everything after it up to the Sync:
    /// nothing is committed, the transaction is left failed for the caller to roll back.
    /// No cancellation: from the COMMIT on the order exists, and a closed tab must not cut the flush short.
    /// </remarks>
    public override async Task<StockTakes> PlaceOrderAndCommitDurablyAsync(Order order, Cart cart, IReadOnlyList<StockTake> takes, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(takes.Count);
        var transaction = (NpgsqlTransaction)ReservationTransaction().GetDbTransaction();
        await using var batch = new NpgsqlBatch((NpgsqlConnection)Database.GetDbConnection(), transaction);
        NewOrderRows.For(this).Add(batch, order, cart);
        foreach (var take in takes)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(TakeSql)
            {
                Parameters = { new NpgsqlParameter<int> { TypedValue = take.ProductId }, new NpgsqlParameter<int> { TypedValue = take.Quantity } },
            });
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(DurableFlushSql));

        var left = new int[takes.Count];
        var read = 0;
        try
        {
            // Positioned on the order's INSERT; moving to a statement's result raises its error, if any. The lines' and
            // history entries' identities are not read: nothing of this unit of work uses them (see below).
            await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
            for (var i = 0; i < order.Lines.Count + order.History.Count + 1; i++) // the rows, then the cart's emptying
            {
                await NextResultAsync(reader);
            }

            for (; read < takes.Count; read++)
            {
                left[read] = await NextIntAsync(reader);
            }

            // The COMMIT's and the flush's results; disposing the reader then waits for the batch's end (the flush).
            while (await reader.NextResultAsync(CancellationToken.None))
            {
            }
        }
        catch (PostgresException e) when (e.SqlState == ShortOfStockSqlState && read < takes.Count)
        {
            // The results come in order: the take that raised is the first whose answer was not read.
            return new StockTakes(left[..read], read);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // What the change tracker's save threw: the caller looks for the order a twin submit placed.
            throw new DbUpdateException("The order's checkout token or number is already used.", e);
        }
        catch (PostgresException e) when (e.SqlState == CartChangedSqlState)
        {
            throw new DbUpdateConcurrencyException("The cart's lines were removed by someone else.", e);
        }

        // The cart (loaded tracked) is gone, and the order is not attached: attaching its graph cost ≈ 3 % of the flow's
        // app CPU and served only the approval's version check, which now gets the version written (ADR 33). The rare
        // paths read the order back (a failed payment's settlement, a Pix charge).
        ChangeTracker.Clear();
        return new StockTakes(left, null);
    }

    /// <summary>Moves to the next statement's result, raising its error if it failed.</summary>
    private static async Task NextResultAsync(NpgsqlDataReader reader)
    {
        if (!await reader.NextResultAsync(CancellationToken.None))
        {
            throw new InvalidOperationException("The reservation's batch ended early.");
        }
    }

    /// <summary>Moves to the next statement's result (raising its error, if any) and reads its one integer.</summary>
    private static async Task<int> NextIntAsync(NpgsqlDataReader reader)
    {
        await NextResultAsync(reader);
        if (!await reader.ReadAsync(CancellationToken.None))
        {
            throw new InvalidOperationException("A statement of the reservation's batch returned no row.");
        }

        return reader.GetInt32(0);
    }

    public override async Task WaitUntilDurableAsync(CancellationToken ct) =>
        await Database.ExecuteSqlRawAsync(DurableFlushSql, ct);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // numeric(12,2): exact centavos, sortable and summable in SQL.
        configurationBuilder.Properties<Money>().HaveConversion<MoneyToDecimalConverter>().HavePrecision(12, 2);
    }
}
