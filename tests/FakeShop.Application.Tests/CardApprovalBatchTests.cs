using System.Collections.Concurrent;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Application.Payments;
using FakeShop.Infrastructure.Persistence.Orders;
using Npgsql;
using NpgsqlTypes;
using static FakeShop.Application.Tests.RawSql;

namespace FakeShop.Application.Tests;

/// <summary>
/// ADR 37: on PostgreSQL the card approvals of checkouts that wait at the same moment are written as one statement
/// with one commit. What only a batch can get wrong: an order answered before its approval is on disk, a lost race or
/// an error of one order reaching the others, an approval written twice, batches not forming at all.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CardApprovalBatchTests(AppFixture app) : UseCaseTest(app)
{
    private PostgresCardApprovalWriter Writer => (PostgresCardApprovalWriter)App.Factory.Services.GetRequiredService<ICardApprovalWriter>();

    /// <summary>A Pix order (it stays awaiting payment), read back and approved by card in memory, as the checkout holds it.</summary>
    private async Task<(Order Order, int Written)> AwaitingApproval()
    {
        var visitor = Guid.NewGuid();
        var product = await Product("webcam-4k-ultra");
        await Send(m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));
        var placed = await Send(m => m.Send(Checkout(visitor) with { PaymentMethod = PaymentMethod.Pix }));
        var order = await Db(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == placed.OrderNumber));
        var written = order.Version;
        order.ConfirmCardPayment(new PaymentDetails("Visa", "1111", "auth-" + order.Number), "gateway", DateTimeOffset.UtcNow);
        return (order, written);
    }

    private async Task<List<(Order Order, int Written)>> AwaitingApprovals(int count)
    {
        await SetStock("webcam-4k-ultra", 10_000);
        var orders = new List<(Order, int)>();
        for (var i = 0; i < count; i++)
        {
            orders.Add(await AwaitingApproval());
        }

        return orders;
    }

    private Task<Order> Stored(Guid id) => Db(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Id == id));

    private async Task AssertPaidOnce(Guid id)
    {
        var stored = await Stored(id);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal("1111", stored.Payment!.CardLast4);
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid], stored.History.OrderBy(h => h.Id).Select(h => h.Status));
    }

    [Fact]
    public async Task Checkouts_paid_at_the_same_moment_share_approval_statements_and_every_order_is_paid()
    {
        var product = await Product("webcam-4k-ultra");
        await SetStock("webcam-4k-ultra", 10_000);
        var visitors = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var visitor in visitors)
        {
            await Send(m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));
        }

        var before = Writer.BatchesWritten;

        var placed = await Task.WhenAll(visitors.Select(v => Task.Run(() => Send(m => m.Send(Checkout(v))))));

        Assert.All(placed, p => Assert.Equal(PlaceOrderOutcome.Placed, p.Outcome));
        foreach (var number in placed.Select(p => p.OrderNumber))
        {
            await AssertPaidOnce(await Db(db => db.Orders.Where(o => o.Number == number).Select(o => o.Id).SingleAsync()));
        }

        // 24 approvals: in fewer statements than orders (they waited together), and at least one.
        Assert.InRange(Writer.BatchesWritten - before, 1, visitors.Length - 1);
    }

    [Fact]
    public async Task One_statement_settles_each_order_of_its_batch_and_a_lost_race_fails_only_its_own()
    {
        var orders = await AwaitingApprovals(3);
        var (lost, _) = orders[1];
        // The sweeper failed the middle one while its gateway was still thinking.
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var settled = await scope.ServiceProvider.GetRequiredService<PaymentSettlement>().SettleAsync(lost.Id, null, "sweeper", CancellationToken.None);
            Assert.Equal(OrderStatus.PaymentFailed, settled);
        }

        var pending = orders.ConvertAll(o => PostgresCardApprovalWriter.PendingApproval.Of(o.Order, o.Written));
        var before = Writer.BatchesWritten;

        Writer.WriteBatch(pending);

        Assert.Equal(1, Writer.BatchesWritten - before);
        await pending[0].Task;
        await pending[2].Task;
        await Assert.ThrowsAsync<ConflictException>(() => pending[1].Task);
        await AssertPaidOnce(orders[0].Order.Id);
        await AssertPaidOnce(orders[2].Order.Id);
        var failed = await Stored(lost.Id);
        Assert.Equal(OrderStatus.PaymentFailed, failed.Status);
        Assert.Null(failed.Payment);
        Assert.DoesNotContain(failed.History, h => h.Status == OrderStatus.Paid);
    }

    [Fact]
    public async Task A_statement_PostgreSQL_refuses_fails_only_its_own_approval_and_the_others_are_written_once()
    {
        var orders = await AwaitingApprovals(3);
        var pending = orders.ConvertAll(o => PostgresCardApprovalWriter.PendingApproval.Of(o.Order, o.Written));
        var (broken, written) = orders[1];
        // A status longer than its column: PostgreSQL refuses the statement, which rolls the whole batch back.
        pending[1] = new PostgresCardApprovalWriter.PendingApproval(
            broken.Id, written, broken.Version, new string('X', 30), broken.Payment!, broken.History[^1]);

        Writer.WriteBatch(pending);

        await pending[0].Task;
        await pending[2].Task;
        var error = await Assert.ThrowsAsync<PostgresException>(() => pending[1].Task);
        Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, error.SqlState);
        // Written again one by one after the rollback, and only once each.
        await AssertPaidOnce(orders[0].Order.Id);
        await AssertPaidOnce(orders[2].Order.Id);
        var untouched = await Stored(broken.Id);
        Assert.Equal(OrderStatus.AwaitingPayment, untouched.Status);
        Assert.Single(untouched.History);
    }

    [Fact]
    public async Task Each_approval_of_a_batch_is_on_disk_when_its_checkout_hears_of_it()
    {
        const int Orders = 8;
        var orders = await AwaitingApprovals(Orders);
        // The test cluster runs with synchronous_commit = off; production's server setting is on.
        var settings = new NpgsqlConnectionStringBuilder(App.ConnectionString) { Options = "-c synchronous_commit=on" };
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var probes = new NpgsqlConnection[Orders];
        for (var i = 0; i < Orders; i++)
        {
            probes[i] = await dataSource.OpenConnectionAsync();
        }

        await Execute(probes[0], "CREATE EXTENSION IF NOT EXISTS pg_walinspect");
        try
        {
            var from = (NpgsqlLogSequenceNumber)(await Scalar(probes[0], "SELECT pg_current_wal_insert_lsn()"))!;
            var flushedWhenAnswered = new ConcurrentDictionary<Guid, NpgsqlLogSequenceNumber>();
            using (var writer = new PostgresCardApprovalWriter(dataSource))
            {
                // Through the queue and the writer's thread; each caller looks at the flushed WAL the moment it is answered.
                await Task.WhenAll(orders.Select(async (o, i) =>
                {
                    await writer.SaveAsync(o.Order, o.Written, CancellationToken.None);
                    flushedWhenAnswered[o.Order.Id] = (NpgsqlLogSequenceNumber)(await Scalar(probes[i], "SELECT pg_current_wal_flush_lsn()"))!;
                }));
            }

            foreach (var (order, _) in orders)
            {
                await AssertPaidOnce(order.Id);
                // The commit record of the transaction that wrote the approval lies within the WAL flushed at the answer.
                var commits = await Scalar(probes[0], $"""
                    SELECT count(*) FROM pg_get_wal_records_info('{from}', '{flushedWhenAnswered[order.Id]}')
                    WHERE resource_manager = 'Transaction' AND record_type = 'COMMIT'
                      AND xid::text = (SELECT xmin::text FROM orders WHERE "Id" = '{order.Id}')
                    """);
                Assert.True((long)commits! == 1, $"order {order.Number} was answered before its approval's commit was flushed");
            }
        }
        finally
        {
            await Execute(probes[0], "DROP EXTENSION IF EXISTS pg_walinspect");
            foreach (var probe in probes)
            {
                await probe.DisposeAsync();
            }
        }
    }
}
