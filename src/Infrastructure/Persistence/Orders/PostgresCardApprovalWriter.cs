using FakeShop.Application.Common.Exceptions;
using FakeShop.Application.Payments;
using FakeShop.Domain.Ordering;
using Npgsql;
using H = FakeShop.Infrastructure.Persistence.Orders.OrderSql.StatusChanges;
using O = FakeShop.Infrastructure.Persistence.Orders.OrderSql.Orders;

namespace FakeShop.Infrastructure.Persistence.Orders;

/// <summary>
/// The card approvals of checkouts on PostgreSQL (docs/decisions/0037-card-approvals-written-in-batches.md): the
/// approvals waiting at the same moment go to the database as ONE statement in autocommit — every order's
/// version-checked UPDATE and its history INSERT — so they share one round trip, one commit and one WAL flush. The
/// commit keeps the server's synchronous_commit (nothing here relaxes it), so when the statement's answer is read to
/// its end the approvals are on disk; only then is any caller answered. Written by one thread of its own, as the
/// cart-add writer (ADR 34), from the app's one <see cref="NpgsqlDataSource"/>.
/// </summary>
/// <remarks>
/// A lost race (the sweeper settled an order first) writes nothing of that order and fails only its caller, with a
/// <see cref="ConflictException"/>: the statement updates the rows whose version is still the one written and adds
/// history for exactly those. A statement PostgreSQL refuses rolls the whole batch back; then each approval is written
/// again on its own, so one approval's error is only its own order's. The orders of one batch are distinct checkouts of
/// this instance: no other writer locks two of them, so the batch cannot deadlock with one.
/// </remarks>
internal sealed class PostgresCardApprovalWriter(NpgsqlDataSource dataSource)
    : BatchWriterThread<PostgresCardApprovalWriter.PendingApproval>("Card approval writer", MaxBatch), ICardApprovalWriter
{
    /// <summary>More than the concurrent checkouts an instance serves (one per connection of the bench's 32).</summary>
    internal const int MaxBatch = 64;

    // The approvals as parallel arrays, one element per order; the names come from OrderSql (the EF model's).
    private const string Sql = $"""
        WITH approval AS (
            SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                                 $8::timestamptz[], $9::text[], $10::text[])
                AS a(id, written, version, status, authorization_id, card_brand, card_last4, changed_at, changed_by, change_status)
        ),
        settled AS (
            UPDATE {O.Table} o
            SET {O.Status} = a.status, {O.Version} = a.version, {O.PaymentAuthorizationId} = a.authorization_id,
                {O.CardBrand} = a.card_brand, {O.CardLast4} = a.card_last4
            FROM approval a
            WHERE o.{O.Id} = a.id AND o.{O.Version} = a.written
            RETURNING o.{O.Id}
        )
        INSERT INTO {H.Table} ({H.ChangedAt}, {H.ChangedBy}, {H.OrderId}, {H.Status})
        SELECT a.changed_at, a.changed_by, a.id, a.change_status FROM approval a JOIN settled s ON s.{O.Id} = a.id
        RETURNING {H.OrderId}
        """;

    private long _batches;

    /// <summary>Statements that wrote approvals so far (a batch of one included); for the tests.</summary>
    internal long BatchesWritten => Interlocked.Read(ref _batches);

    /// <remarks>No cancellation: the order is settled whatever happens to the request that placed it.</remarks>
    public Task SaveAsync(Order order, int writtenVersion, CancellationToken ct)
    {
        var pending = PendingApproval.Of(order, writtenVersion);
        Enqueue(pending); // the first approval starts the writer's thread
        return pending.Task;
    }

    private protected override void Fail(PendingApproval item, Exception error) => item.TrySetException(error);

    /// <summary>Writes the approvals and completes every one's task — never throws.</summary>
    internal override void WriteBatch(List<PendingApproval> approvals)
    {
        HashSet<Guid> settled;
        try
        {
            settled = Execute(approvals);
        }
        catch (PostgresException) when (approvals.Count > 1)
        {
            // Nothing of the batch was committed (an error in an implicit transaction rolls it back).
            foreach (var approval in approvals)
            {
                WriteBatch([approval]);
            }

            return;
        }
        catch (Exception ex)
        {
            // A lost connection or a timeout: whether the commit happened is not known, as for a statement of its own.
            foreach (var approval in approvals)
            {
                approval.TrySetException(ex);
            }

            return;
        }

        foreach (var approval in approvals)
        {
            if (settled.Contains(approval.OrderId))
            {
                approval.TrySetResult();
            }
            else
            {
                approval.TrySetException(new ConflictException(ConflictException.Edited, "Someone else settled the order first; nothing was written."));
            }
        }
    }

    /// <summary>One statement in autocommit; the orders it settled, known only once its commit came back.</summary>
    private HashSet<Guid> Execute(List<PendingApproval> approvals)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(Sql, connection);
        // Positional, unnamed parameters: Npgsql sends the text as is.
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. approvals.Select(a => a.OrderId)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. approvals.Select(a => a.WrittenVersion)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. approvals.Select(a => a.Version)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. approvals.Select(a => a.Status)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. approvals.Select(a => a.Payment.AuthorizationId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. approvals.Select(a => a.Payment.CardBrand)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. approvals.Select(a => a.Payment.CardLast4)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. approvals.Select(a => a.Change.ChangedAt.ToUniversalTime())] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. approvals.Select(a => a.Change.ChangedBy)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. approvals.Select(a => a.Change.Status.ToString())] });

        var settled = new HashSet<Guid>(approvals.Count);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                settled.Add(reader.GetGuid(0));
            }

            // Disposing reads on to the end of the exchange: the implicit transaction's commit, durable when it answers.
        }

        Interlocked.Increment(ref _batches);
        return settled;
    }

    /// <summary>One order's approval, waiting in the queue; its task ends when the statement that wrote it has committed.</summary>
    internal sealed class PendingApproval(Guid orderId, int writtenVersion, int version, string status, PaymentDetails payment, OrderStatusChange change)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public Guid OrderId { get; } = orderId;

        public int WrittenVersion { get; } = writtenVersion;

        public int Version { get; } = version;

        public string Status { get; } = status;

        public PaymentDetails Payment { get; } = payment;

        public OrderStatusChange Change { get; } = change;

        public static PendingApproval Of(Order order, int writtenVersion) => new(
            order.Id,
            writtenVersion,
            order.Version,
            order.Status.ToString(),
            order.Payment ?? throw new InvalidOperationException("The order has no card payment to save."),
            order.History[^1]);
    }
}
