using FakeShop.Domain.Carts;
using FakeShop.Infrastructure.Database;
using FakeShop.Infrastructure.Persistence.Carts;
using Npgsql;

namespace FakeShop.Application.Tests;

/// <summary>
/// ADR 31: on PostgreSQL, adds to cart that wait at the same moment are written in one round trip and one commit. The
/// rules of <see cref="CartTests"/> (which run through the same writer) hold for each add of a batch; these tests pin
/// what only a batch can get wrong: adds sharing a batch, a refusal or an error among them, and whether batches form.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CartAddBatchTests(AppFixture app) : UseCaseTest(app)
{
    private PostgresCartItemWriter Writer => (PostgresCartItemWriter)App.Factory.Services.GetRequiredService<ICartItemWriter>();

    private static PostgresCartItemWriter.PendingAdd Pending(Guid visitor, int productId, int quantity) =>
        new(visitor, productId, quantity, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Many_shoppers_adding_at_once_share_commits_and_no_unit_is_lost()
    {
        var webcam = await Product("webcam-4k-ultra");
        var light = await Product("ring-light-18");
        await SetStock("webcam-4k-ultra", 10_000);
        await SetStock("ring-light-18", 10_000);
        var visitors = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToArray();
        var before = Writer.BatchesWritten;

        // Each visitor adds 1 + 2 units of one product and 3 of another, all at the same moment through the pipeline.
        var adds = visitors.SelectMany(v => new[] { (v, webcam.Id, 1), (v, webcam.Id, 2), (v, light.Id, 3) })
            .Select(a => Task.Run(() => Send(m => m.Send(new AddToCartCommand(a.Item1, a.Item2, a.Item3)))))
            .ToArray();
        var counts = await Task.WhenAll(adds);

        Assert.All(counts, c => Assert.InRange(c, 1, 6));
        foreach (var visitor in visitors)
        {
            Assert.Equal(6, await CartItems(visitor));
        }

        var batches = Writer.BatchesWritten - before;
        // 48 adds: written in fewer commits than adds (they waited together), and at least one.
        Assert.InRange(batches, 1, adds.Length - 1);
    }

    [Fact]
    public async Task One_writer_keeps_at_most_one_batch_at_the_database()
    {
        var webcam = await Product("webcam-4k-ultra");
        await SetStock("webcam-4k-ultra", 10_000);
        var visitors = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToArray();
        Writer.ResetPeakBatchesInFlight();
        var before = Writer.BatchesWritten;

        // ADR 32: adds that arrive while a batch is at the database wait for it and go together in the next one,
        // instead of a second writer sending a second, smaller batch beside it.
        var counts = await Task.WhenAll(visitors.Select(v => Task.Run(() => Send(m => m.Send(new AddToCartCommand(v, webcam.Id, 1))))));

        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.InRange(Writer.BatchesWritten - before, 1, visitors.Length - 1);
        Assert.Equal(1, Writer.PeakBatchesInFlight);
    }

    [Fact]
    public async Task One_batch_answers_each_add_with_its_own_result()
    {
        var webcam = await Product("webcam-4k-ultra");
        var light = await Product("ring-light-18");
        await SetStock("ring-light-18", 0);
        Guid twice = Guid.NewGuid(), soldOut = Guid.NewGuid(), unknown = Guid.NewGuid();
        var first = Pending(twice, webcam.Id, 2);
        var second = Pending(twice, webcam.Id, 3);
        var refused = Pending(soldOut, light.Id, 1);
        var notFound = Pending(unknown, int.MaxValue, 1);
        var before = Writer.BatchesWritten;

        await Writer.WriteBatchAsync([notFound, refused, second, first]);

        Assert.Equal(1, Writer.BatchesWritten - before);
        // The same visitor twice in one batch: the second statement adds to the first's line (none lost).
        // (Their order within the batch is not fixed: the first written answers 2 or 3.)
        var counts = new[] { (await first.Task).ItemCount, (await second.Task).ItemCount }.Order().ToArray();
        Assert.Equal(5, counts[1]);
        Assert.Contains(counts[0], new[] { 2, 3 });
        Assert.True((await first.Task).Added && (await second.Task).Added);
        Assert.Equal(5, await CartItems(twice));
        var refusal = await refused.Task;
        Assert.False(refusal.Added);
        Assert.Equal(CartRefusal.SoldOut, refusal.Refusal);
        Assert.Equal(0, await Db(db => db.Carts.CountAsync(c => c.VisitorId == soldOut)));
        Assert.False((await notFound.Task).ProductFound);
    }

    [Fact]
    public async Task An_error_in_one_statement_fails_only_that_add_and_the_others_are_written_once()
    {
        var webcam = await Product("webcam-4k-ultra");
        Guid broken = Guid.NewGuid(), a = Guid.NewGuid(), b = Guid.NewGuid();
        await Send(m => m.Send(new AddToCartCommand(broken, webcam.Id, 1)));
        // 1 + int.MaxValue overflows in the statement: PostgreSQL refuses it, which rolls the whole batch back.
        var overflow = Pending(broken, webcam.Id, int.MaxValue);
        var okA = Pending(a, webcam.Id, 1);
        var okB = Pending(b, webcam.Id, 2);

        await Writer.WriteBatchAsync([okA, overflow, okB]);

        var error = await Assert.ThrowsAsync<PostgresException>(() => overflow.Task);
        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, error.SqlState);
        Assert.Equal(1, (await okA.Task).ItemCount);
        Assert.Equal(2, (await okB.Task).ItemCount);
        // Written again one by one after the rollback, and only once each.
        Assert.Equal(1, await CartItems(a));
        Assert.Equal(2, await CartItems(b));
        Assert.Equal(1, await CartItems(broken));
    }

    [Fact]
    public async Task The_writer_thread_writes_queued_adds_fails_only_the_failing_one_and_stops_when_disposed()
    {
        var webcam = await Product("webcam-4k-ultra");
        await SetStock("webcam-4k-ultra", 10_000);
        Guid broken = Guid.NewGuid(), a = Guid.NewGuid(), b = Guid.NewGuid();
        await Send(m => m.Send(new AddToCartCommand(broken, webcam.Id, 1)));
        // A writer of its own on the app's pool, so that disposing it leaves the app's writer running.
        var services = App.Factory.Services;
        var writer = new PostgresCartItemWriter(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<DatabaseSettings>());
        var before = writer.BatchesWritten;

        // ADR 34: through the queue, i.e. on the writer's own thread with blocking reads; an overflow among them
        // (1 + int.MaxValue) fails that add only, whether the three share a batch or not.
        var now = DateTimeOffset.UtcNow;
        var okA = writer.AddAsync(a, webcam.Id, 1, now, CancellationToken.None);
        var overflow = writer.AddAsync(broken, webcam.Id, int.MaxValue, now, CancellationToken.None);
        var okB = writer.AddAsync(b, webcam.Id, 2, now, CancellationToken.None);

        Assert.Equal(1, (await okA).ItemCount);
        Assert.Equal(2, (await okB).ItemCount);
        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, (await Assert.ThrowsAsync<PostgresException>(() => overflow)).SqlState);
        Assert.Equal(1, await CartItems(a));
        Assert.Equal(2, await CartItems(b));
        Assert.Equal(1, await CartItems(broken));
        Assert.InRange(writer.BatchesWritten - before, 1, 3);
        var thread = Assert.IsType<Thread>(writer.WriterThread);
        Assert.False(thread.IsThreadPoolThread);
        Assert.True(thread.IsBackground);

        // The writer sleeps between adds and wakes for the next one.
        await Task.Delay(50);
        Assert.Equal(2, (await writer.AddAsync(a, webcam.Id, 1, DateTimeOffset.UtcNow, CancellationToken.None)).ItemCount);

        writer.Dispose();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "the writer thread should end once disposed");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.AddAsync(a, webcam.Id, 1, DateTimeOffset.UtcNow, CancellationToken.None));
    }
}
