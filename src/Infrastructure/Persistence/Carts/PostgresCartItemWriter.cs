using FakeShop.Application.Carts.AddToCart;
using FakeShop.Infrastructure.Database;
using FakeShop.Domain.Carts;
using Npgsql;
using C = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Carts;
using L = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Lines;
using P = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Products;

namespace FakeShop.Infrastructure.Persistence.Carts;

/// <summary>
/// Add to cart on PostgreSQL as ONE statement in autocommit (no BEGIN/COMMIT, one round trip): find the product,
/// upsert the cart, upsert the line. <c>ON CONFLICT ... DO UPDATE SET "Quantity" = stored + added</c> runs on the
/// locked, latest row, so concurrent adds of the same product by one visitor all count (the old load-modify-save
/// lost one). Uses the unique indexes carts(VisitorId) and cart_lines(CartId, ProductId) that the model already has.
/// It takes a connection from the app's one <see cref="NpgsqlDataSource"/>, the same bounded pool EF's connections come
/// from (a burst waits for a connection rather than opening more than Database:MaxPoolSize), without creating a
/// DbContext: measured under wrk, a DbContext's set-up (EF internal services, DI) was a visible share of this
/// request's CPU. Adds that wait at the same moment go to the database together (ADR 31): the same statement once per
/// add in one Npgsql batch, one round trip and one commit, written by one writer per instance (ADR 32) on its own thread
/// (ADR 34).
/// </summary>
/// <remarks>
/// The domain's add rule (<see cref="Cart.CheckAdd"/>, as <see cref="CartAddSql.Refusal"/>) is applied twice: on the
/// snapshot, where it decides whether anything is written and yields the refusal code returned to the handler; and
/// on the locked line in the DO UPDATE's WHERE, so a line never passes <see cref="Quantity.Max"/> nor the stock even
/// when adds race (the snapshot check of <see cref="Cart.MaxLines"/> can let two simultaneous new products into a
/// 49-line cart, as before). Only active products; the line's PriceSeen is the catalogue price at the add. Quantity
/// 1..99 of the add itself is the validator's. A refusal writes nothing (except, in a race, the cart's UpdatedAt).
/// </remarks>
internal sealed class PostgresCartItemWriter(NpgsqlDataSource dataSource, DatabaseSettings database)
    : BatchWriterThread<PostgresCartItemWriter.PendingAdd>("Cart add writer", Math.Max(1, database.CartAddBatch)), ICartItemWriter
{
    private static readonly string Sql = $"""
        WITH relaxed AS (
            -- This statement's own transaction only (is_local = true): its commit does not wait for the WAL flush.
            {PostgresShopDbContext.RelaxCommitSql}
        ),
        product AS (
            SELECT {P.Id}, {P.Stock}, {P.Price} FROM {P.Table} WHERE {P.Id} = $2 AND {P.IsActive}
        ),
        seen AS (
            SELECT coalesce(sum(l.{L.Quantity}) FILTER (WHERE l.{L.ProductId} = $2), 0)::int AS line_quantity,
                   count(l.{L.Id})::int AS line_count,
                   coalesce(sum(l.{L.Quantity}) FILTER (WHERE l.{L.ProductId} <> $2), 0)::int AS other_units
            FROM {C.Table} c LEFT JOIN {L.Table} l ON l.{L.CartId} = c.{C.Id}
            WHERE c.{C.VisitorId} = $1
        ),
        verdict AS (
            SELECT product.{P.Id}, product.{P.Price},
                   {CartAddSql.Refusal("seen.line_quantity", "seen.line_count", "$3", $"product.{P.Stock}")} AS refusal
            FROM product, seen
        ),
        cart AS (
            INSERT INTO {C.Table} ({C.Id}, {C.VisitorId}, {C.CreatedAt}, {C.UpdatedAt})
            SELECT $4, $1, $5, $5 FROM verdict WHERE verdict.refusal = 0
            ON CONFLICT ({C.VisitorId}) DO UPDATE SET {C.UpdatedAt} = excluded.{C.UpdatedAt}
            RETURNING {C.Id}
        ),
        line AS (
            INSERT INTO {L.Table} AS l ({L.CartId}, {L.ProductId}, {L.Quantity}, {L.PriceSeen})
            SELECT cart.{C.Id}, verdict.{P.Id}, $3, verdict.{P.Price} FROM cart, verdict
            ON CONFLICT ({L.CartId}, {L.ProductId}) DO UPDATE
                SET {L.Quantity} = l.{L.Quantity} + excluded.{L.Quantity}, {L.PriceSeen} = excluded.{L.PriceSeen}
                -- The line exists here, so the line-count rule cannot apply (0).
                WHERE {CartAddSql.Refusal($"l.{L.Quantity}", "0", $"excluded.{L.Quantity}", $"(SELECT {P.Stock} FROM product)")} = 0
            RETURNING l.{L.Quantity}
        )
        SELECT (SELECT {P.Stock} FROM product), (SELECT {L.Quantity} FROM line), (SELECT refusal FROM verdict), seen.other_units
        FROM seen, relaxed
        """;

    private long _batches;
    private int _inFlight;
    private int _peakInFlight;

    /// <summary>Batches written so far (a batch of one included); for the tests.</summary>
    internal long BatchesWritten => Interlocked.Read(ref _batches);

    /// <summary>The most batches that were at the database at the same moment since the last reset; for the tests.</summary>
    internal int PeakBatchesInFlight => Volatile.Read(ref _peakInFlight);

    internal void ResetPeakBatchesInFlight() => Volatile.Write(ref _peakInFlight, 0);

    public Task<CartItemAddition> AddAsync(Guid visitorId, int productId, int quantity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (BatchSize == 1)
        {
            // Database:CartAddBatch = 1: every add is its own statement and transaction, on the request's thread.
            return AddOneAsync(new PendingAdd(visitorId, productId, quantity, now), cancellationToken);
        }

        // ADR 31: queued, and written with the other adds that are waiting at that moment, in one round trip and one
        // commit. The caller is answered only after that commit, exactly as after its own statement's commit.
        // The one writer (BatchWriterThread, ADR 34), so at most one batch of this instance is at the database at a time
        // (ADR 32): measured against two and four under the bench's 32 connections, one writer's batches are twice as
        // large, so PostgreSQL commits and the app wakes threads half as often per add; over all paired runs the CPU per
        // post fell by 18 % (app) and 27 % (PostgreSQL), one pair of four going the other way (docs/performance.md,
        // "Add to cart, session 8").
        var pending = new PendingAdd(visitorId, productId, quantity, now);
        Enqueue(pending);
        return pending.Task;
    }

    private async Task<CartItemAddition> AddOneAsync(PendingAdd add, CancellationToken cancellationToken) =>
        (await ExecuteAsync([add], sync: false, cancellationToken))[0];

    internal override void WriteBatch(List<PendingAdd> batch) => WriteBatch(batch, sync: true).GetAwaiter().GetResult();

    private protected override void Fail(PendingAdd item, Exception error) => item.Fail(error);

    /// <summary>
    /// Writes the adds in one round trip and one transaction (Npgsql sends a batch with one Sync: PostgreSQL runs its
    /// statements as one implicit transaction and commits at the end), and completes every add's task — never throws.
    /// The statements run in (visitor, product) order, so two batches (on this replica or another) take the cart and
    /// line rows they share in the same order and cannot deadlock each other. A statement PostgreSQL refuses rolls the
    /// whole batch back: then each add is written again on its own, so one add's error is only that add's.
    /// </summary>
    internal Task WriteBatchAsync(List<PendingAdd> adds) => WriteBatch(adds, sync: false);

    /// <param name="sync">On the writer's thread: blocking calls (a task that is already complete comes back). Else awaited.</param>
    private async Task WriteBatch(List<PendingAdd> adds, bool sync)
    {
        adds.Sort(static (a, b) => a.VisitorId != b.VisitorId ? a.VisitorId.CompareTo(b.VisitorId) : a.ProductId.CompareTo(b.ProductId));
        CartItemAddition[] results;
        try
        {
            // No caller's cancellation: the batch belongs to every request in it.
            results = await ExecuteAsync(adds, sync, CancellationToken.None);
        }
        catch (PostgresException) when (adds.Count > 1)
        {
            // Nothing of the batch was committed (an error in an implicit transaction rolls it back).
            foreach (var add in adds)
            {
                try
                {
                    add.Complete((await ExecuteAsync([add], sync, CancellationToken.None))[0]);
                }
                catch (Exception ex)
                {
                    add.Fail(ex);
                }
            }

            return;
        }
        catch (Exception ex)
        {
            // A lost connection or a timeout: whether the commit happened is not known, as for a single statement.
            foreach (var add in adds)
            {
                add.Fail(ex);
            }

            return;
        }

        for (var i = 0; i < adds.Count; i++)
        {
            adds[i].Complete(results[i]);
        }
    }

    /// <summary>The adds as one Npgsql batch: one round trip, one implicit transaction, one commit.</summary>
    private async Task<CartItemAddition[]> ExecuteAsync(List<PendingAdd> adds, bool sync, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            for (var peak = Volatile.Read(ref _peakInFlight); inFlight > peak; peak = Volatile.Read(ref _peakInFlight))
            {
                Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak);
            }

            return await ExecuteOnConnectionAsync(adds, sync, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<CartItemAddition[]> ExecuteOnConnectionAsync(List<PendingAdd> adds, bool sync, CancellationToken cancellationToken)
    {
        var connection = sync ? dataSource.OpenConnection() : await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            using var batch = new NpgsqlBatch(connection);
            foreach (var add in adds)
            {
                batch.BatchCommands.Add(Command(add));
            }

            var results = new CartItemAddition[adds.Count];
            // The results are handed out only after the reader has read to the end, i.e. after the commit succeeded.
            var reader = sync ? batch.ExecuteReader() : await batch.ExecuteReaderAsync(cancellationToken);
            try
            {
                for (var i = 0; i < results.Length; i++)
                {
                    if (i > 0 && !(sync ? reader.NextResult() : await reader.NextResultAsync(cancellationToken)))
                    {
                        throw new InvalidOperationException("The add-to-cart batch returned fewer results than statements.");
                    }

                    results[i] = await ReadAsync(reader, sync, cancellationToken);
                }
            }
            finally
            {
                // Reads to the end of the batch (the commit's answer): blocking on the writer's thread, as everything there.
                if (sync)
                {
                    reader.Dispose();
                }
                else
                {
                    await reader.DisposeAsync();
                }
            }

            Interlocked.Increment(ref _batches);
            return results;
        }
        finally
        {
            if (sync)
            {
                connection.Dispose();
            }
            else
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static NpgsqlBatchCommand Command(PendingAdd add)
    {
        // Positional ($1..$5), unnamed parameters: Npgsql sends the text as is, without rewriting it.
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = add.VisitorId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = add.ProductId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = add.Quantity });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = add.Now.ToUniversalTime() });
        return command;
    }

    private static async Task<CartItemAddition> ReadAsync(NpgsqlDataReader reader, bool sync, CancellationToken cancellationToken)
    {
        if (!(sync ? reader.Read() : await reader.ReadAsync(cancellationToken)) || reader.IsDBNull(0))
        {
            return new CartItemAddition(ProductFound: false, Added: false, 0, CartRefusal.None, 0);
        }

        var stock = reader.GetInt32(0);
        var otherUnits = reader.GetInt32(3);
        return reader.IsDBNull(1)
            ? new CartItemAddition(true, false, 0, (CartRefusal)reader.GetInt32(2), stock)
            : new CartItemAddition(true, true, otherUnits + reader.GetInt32(1), CartRefusal.None, stock);
    }

    /// <summary>One visitor's add, waiting in the queue; its task ends when the batch that wrote it has committed.</summary>
    internal sealed class PendingAdd(Guid visitorId, int productId, int quantity, DateTimeOffset now)
        : TaskCompletionSource<CartItemAddition>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public Guid VisitorId { get; } = visitorId;

        public int ProductId { get; } = productId;

        public int Quantity { get; } = quantity;

        public DateTimeOffset Now { get; } = now;

        public void Complete(CartItemAddition result) => TrySetResult(result);

        public void Fail(Exception error) => TrySetException(error);
    }
}
