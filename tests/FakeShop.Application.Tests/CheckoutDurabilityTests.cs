using System.Collections.Concurrent;
using System.Diagnostics;
using FakeShop.Application.Payments;
using FakeShop.Infrastructure.Persistence;
using Microsoft.AspNetCore.TestHost;
using Npgsql;
using Xunit.Abstractions;
using static FakeShop.Application.Tests.RawSql;

namespace FakeShop.Application.Tests;

/// <summary>
/// ADR 20 on PostgreSQL: the reservation's commit does not wait for the disk while it holds the product rows, so
/// the order must be flushed before anyone outside the database hears of it; and the checkout's own settlement of a
/// tracked order still loses to whoever settled it first.
/// </summary>
public sealed class CheckoutDurabilityTests(AppFixture app, ITestOutputHelper output) : UseCaseTest(app)
{
    /// <summary>The statements one checkout sends, in order; set in the test's async flow, seen by its handler.</summary>
    private static readonly AsyncLocal<List<string>?> Statements = new();

    /// <summary>Records what had been sent when the gateway was asked, then lets an action race it, then answers.</summary>
    private sealed class WitnessGateway(FakePaymentGateway real, Func<PaymentRequest, Task> meanwhile) : IPaymentGateway
    {
        public List<string>? SentBeforeAuthorization { get; private set; }

        public bool OrderVisibleToOthers { get; set; }

        public async Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken)
        {
            if (Statements.Value is { } sent)
            {
                lock (sent)
                {
                    SentBeforeAuthorization = [.. sent];
                }
            }

            await meanwhile(request);
            return await real.AuthorizeAsync(request, cancellationToken);
        }

        public Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) => real.FindAsync(idempotencyKey, cancellationToken);
    }

    /// <summary>What the card approval writer's thread sent while a listener was on (ADR 37: not on the checkout's flow).</summary>
    private static readonly ConcurrentQueue<string> ApprovalWriterStatements = new();

    private static ActivityListener ListenToStatements() => new()
    {
        ShouldListenTo = source => source.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        ActivityStopped = activity =>
        {
            var text = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
            if (Statements.Value is { } sent)
            {
                lock (sent)
                {
                    sent.Add(text);
                }
            }
            else if (Thread.CurrentThread.Name == "Card approval writer")
            {
                ApprovalWriterStatements.Enqueue(text);
            }
        },
    };

    private GatewayApp WithGateway(Func<PaymentRequest, Task> meanwhile)
    {
        WitnessGateway? witness = null;
        var factory = App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPaymentGateway>(sp =>
            witness = new WitnessGateway(sp.GetRequiredService<FakePaymentGateway>(), meanwhile))));
        return new GatewayApp(factory, () => witness!);
    }

    private sealed record GatewayApp(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory, Func<WitnessGateway> Gateway) : IAsyncDisposable
    {
        public async Task<T> Send<T>(Func<IMediator, ValueTask<T>> send)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    /// <summary>Places the order with every statement the app sends on its way recorded, in order.</summary>
    private static async Task<(PlaceOrderResult Placed, List<string> Sent)> PlaceRecordingStatements(GatewayApp app, PlaceOrderCommand command)
    {
        using var listener = ListenToStatements();
        ActivitySource.AddActivityListener(listener);
        var sent = new List<string>();
        Statements.Value = sent;
        return (await app.Send(m => m.Send(command)), sent);
    }

    [Fact]
    public async Task The_order_is_flushed_after_its_commit_and_before_the_gateway_is_asked()
    {
        var visitor = Guid.NewGuid();
        var command = Checkout(visitor);
        var visible = false;
        await using var app = WithGateway(async _ =>
        {
            // Committed: another session sees it (the flush below would be worthless inside the transaction).
            visible = await Db(db => db.Orders.AnyAsync(o => o.CheckoutToken == command.CheckoutToken));
        });
        var product = await Product("webcam-4k-ultra");
        await app.Send(m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));

        var (placed, _) = await PlaceRecordingStatements(app, command);

        Assert.Equal(PlaceOrderOutcome.Placed, placed.Outcome);
        var before = app.Gateway().SentBeforeAuthorization ?? throw new InvalidOperationException("the gateway was not asked");
        output.WriteLine(string.Join(Environment.NewLine + "----" + Environment.NewLine, before));
        // ADR 28 and 29 (changed from ADR 20's four round trips): the order's rows, the cart's emptying, the takes, the
        // COMMIT and the flush, in this order, are the last round trip before the gateway.
        var reservation = before[^1];
        var insert = reservation.IndexOf("INSERT INTO orders", StringComparison.Ordinal);
        var emptied = reservation.IndexOf("DELETE FROM cart_lines", StringComparison.Ordinal);
        var take = reservation.IndexOf("fakeshop_take_stock(", StringComparison.Ordinal);
        var commit = reservation.IndexOf("COMMIT;", StringComparison.Ordinal);
        var flush = reservation.IndexOf(PostgresShopDbContext.DurableFlushSql, StringComparison.Ordinal);
        Assert.True(insert >= 0 && emptied > insert && take > emptied, "the order is written and the cart emptied before the stock is taken");
        Assert.True(commit > take && flush > commit, "the stock is taken, then committed, then flushed");
        Assert.EndsWith(PostgresShopDbContext.DurableFlushSql, reservation.TrimEnd().TrimEnd(';'), StringComparison.Ordinal);
        Assert.True(visible, "the gateway was asked about an order other sessions could not see yet");
    }

    [Fact]
    public async Task The_checkout_reaches_the_gateway_in_three_round_trips_the_first_loading_the_cart_and_its_form_together()
    {
        var visitor = Guid.NewGuid();
        await using var app = WithGateway(_ => Task.CompletedTask);
        var product = await Product("webcam-4k-ultra");
        await app.Send(m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));

        var (placed, _) = await PlaceRecordingStatements(app, Checkout(visitor));

        Assert.Equal(PlaceOrderOutcome.Placed, placed.Outcome);
        var before = app.Gateway().SentBeforeAuthorization ?? throw new InvalidOperationException("the gateway was not asked");
        output.WriteLine(string.Join(Environment.NewLine + "----" + Environment.NewLine, before));
        // The cart with its lines and the order placed with this form's token (none), then the prices, then the
        // order's rows with the takes, the COMMIT and the flush (ADR 29). Session 5: token, cart, prices, order, take,
        // COMMIT, flush; session 6: the order's rows in a round trip of their own.
        Assert.Equal(3, before.Count);
        Assert.Contains("FROM carts", before[0], StringComparison.Ordinal);
        Assert.Contains("\"CheckoutToken\"", before[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_take_that_finds_too_few_units_under_the_row_lock_commits_nothing_of_the_order()
    {
        var visitor = Guid.NewGuid();
        var one = await Product("webcam-4k-ultra");
        var other = await Product("ring-light-18");
        // Taken in product-id order: the second take is the one that meets the lock and then too few units.
        var (first, second) = one.Id < other.Id ? (one, other) : (other, one);
        await Send(m => m.Send(new AddToCartCommand(visitor, first.Id, 1)));
        await Send(m => m.Send(new AddToCartCommand(visitor, second.Id, 1)));

        await using var blocker = new NpgsqlConnection(App.ConnectionString);
        await blocker.OpenAsync();
        await using var held = await blocker.BeginTransactionAsync();
        await Execute(blocker, $"SELECT 1 FROM products WHERE \"Id\" = {second.Id} FOR UPDATE");

        // Priced with the units still there; its take of the second product then waits for the row.
        var command = Checkout(visitor);
        var answer = CheckoutAnswer.Of(() => Send(m => m.Send(command)));
        await using (var observer = new NpgsqlConnection(App.ConnectionString))
        {
            await observer.OpenAsync();
            var waited = Stopwatch.StartNew();
            while ((long)(await Scalar(observer, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%fakeshop_take_stock(%' AND pid <> pg_backend_pid()"))! == 0)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the checkout never waited for the locked product");
                Assert.False(answer.IsCompleted, "the checkout finished without waiting for the locked product");
                await Task.Delay(20);
            }
        }

        await Execute(blocker, $"UPDATE products SET \"Stock\" = 0 WHERE \"Id\" = {second.Id}");
        await held.CommitAsync();
        var result = await answer;

        Assert.Equal(CheckoutRefusal.SoldOut, result.Refusal);
        Assert.Equal([second.Name], result.Products);
        // The first take ran in the same batch, before the failed one: rolled back with the order and the cart's emptying.
        Assert.Equal(first.Stock, (await Db(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == first.Id))).Stock);
        Assert.False(await Db(db => db.Orders.AnyAsync(o => o.CheckoutToken == command.CheckoutToken)));
        Assert.Equal(2, await CartItems(visitor));

        // The connection the failed batch ran on went back to the pool usable: the next checkout goes through.
        await SetStock(second.Id == one.Id ? "webcam-4k-ultra" : "ring-light-18", 5);
        Assert.Equal(PlaceOrderOutcome.Placed, (await Send(m => m.Send(Checkout(visitor)))).Outcome);
    }

    [Fact]
    public async Task The_approval_is_one_statement_after_the_flush_and_stores_the_order_as_the_domain_left_it()
    {
        var visitor = Guid.NewGuid();
        var command = Checkout(visitor);
        await using var app = WithGateway(_ => Task.CompletedTask);
        var product = await Product("webcam-4k-ultra");
        await app.Send(m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));
        ApprovalWriterStatements.Clear();

        var (placed, sent) = await PlaceRecordingStatements(app, command);

        Assert.Equal(PlaceOrderOutcome.Placed, placed.Outcome);
        var before = app.Gateway().SentBeforeAuthorization ?? throw new InvalidOperationException("the gateway was not asked");
        var after = sent.Skip(before.Count).ToList();
        var approvals = ApprovalWriterStatements.ToList();
        output.WriteLine(string.Join(Environment.NewLine, approvals));
        // ADR 37: nothing more on the checkout's own flow; the approval writer sent it, with whatever approvals of other
        // checkouts waited at the same moment. The version-checked UPDATE and the history INSERT, as one statement
        // (atomic on its own, one round trip), not the change tracker's batch of two statements in a transaction of
        // its own (a second round trip to commit).
        Assert.Empty(after);
        Assert.NotEmpty(approvals);
        Assert.All(approvals, approval =>
        {
            Assert.DoesNotContain(";", approval.Trim().TrimEnd(';'), StringComparison.Ordinal);
            Assert.Contains("UPDATE orders", approval, StringComparison.Ordinal);
            Assert.Contains("INSERT INTO order_status_changes", approval, StringComparison.Ordinal);
        });

        var stored = await Db(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == placed.OrderNumber));
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Equal("1111", stored.Payment!.CardLast4);
        Assert.False(string.IsNullOrEmpty(stored.Payment.CardBrand));
        Assert.False(string.IsNullOrEmpty(stored.Payment.AuthorizationId));
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid], stored.History.OrderBy(h => h.Id).Select(h => h.Status));
        var paid = stored.History.OrderBy(h => h.Id).Last();
        Assert.Equal("gateway", paid.ChangedBy);
        Assert.True(paid.ChangedAt >= stored.PlacedAt, "the approval is recorded after the order was placed");

        // A second submit of the same form finds the paid order and writes nothing more.
        var again = await app.Send(m => m.Send(command));
        Assert.Equal(PlaceOrderOutcome.AlreadyPlaced, again.Outcome);
        Assert.Equal(2, (await Db(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == placed.OrderNumber))).History.Count);
    }

    [Fact]
    public async Task An_approval_recorded_after_someone_else_failed_the_order_loses_and_the_units_come_back_once()
    {
        var visitor = Guid.NewGuid();
        await using var app = WithGateway(async request =>
        {
            // The sweeper (or an operator's tool) settles it as failed while the gateway is still thinking.
            await using var scope = App.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var id = await db.Orders.Where(o => o.Number == request.Reference).Select(o => o.Id).SingleAsync();
            var status = await scope.ServiceProvider.GetRequiredService<PaymentSettlement>().SettleAsync(id, null, "sweeper", CancellationToken.None);
            Assert.Equal(OrderStatus.PaymentFailed, status);
        });
        var product = await Product("ring-light-18");
        await app.Send(m => m.Send(new AddToCartCommand(visitor, product.Id, 2)));

        var result = await CheckoutAnswer.Of(() => app.Send(m => m.Send(Checkout(visitor))));

        Assert.Equal(CheckoutRefusal.PaymentFailed, result.Refusal);
        var stored = await Db(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == result.OrderNumber));
        Assert.Equal(OrderStatus.PaymentFailed, stored.Status);
        Assert.DoesNotContain(stored.History, h => h.Status == OrderStatus.Paid);
        Assert.Equal(product.Stock, (await Product("ring-light-18")).Stock);
        Assert.Equal(2, await CartItems(visitor));
    }

    [Fact]
    public async Task The_durability_statement_flushes_a_commit_that_did_not_wait()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        // The test cluster runs with synchronous_commit = off; production's server setting is on.
        await Execute(connection, "SET synchronous_commit = on");
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Execute(connection, PostgresShopDbContext.RelaxCommitSql);
            await Execute(connection, "INSERT INTO carts (\"Id\", \"VisitorId\", \"CreatedAt\", \"UpdatedAt\") VALUES (gen_random_uuid(), gen_random_uuid(), now(), now())");
            await transaction.CommitAsync();
        }

        var committedUpTo = (NpgsqlTypes.NpgsqlLogSequenceNumber)(await Scalar(connection, "SELECT pg_current_wal_insert_lsn()"))!;
        await Execute(connection, PostgresShopDbContext.DurableFlushSql);
        var flushedUpTo = await Scalar(connection, "SELECT pg_current_wal_flush_lsn()");

        Assert.True((NpgsqlTypes.NpgsqlLogSequenceNumber)flushedUpTo! >= committedUpTo, $"flushed up to {flushedUpTo}, the relaxed commit ends at {committedUpTo}");
    }
}
