using System.Diagnostics;
using FakeShop.Application.Checkout.SettleOverduePayments;
using FakeShop.Application.Payments;
using FakeShop.Domain.Brazil;
using Xunit.Abstractions;

namespace FakeShop.Application.Tests;

/// <summary>
/// Issue 12, order-first payment on PostgreSQL: the gateway is called outside the stock transaction, with a timeout
/// and the checkout token as idempotency key; an order left awaiting payment is settled by the sweeper.
/// </summary>
public sealed class PaymentFlowTests(AppFixture app, ITestOutputHelper output) : UseCaseTest(app)
{
    /// <summary>The same app and database, with a gateway that takes its time.</summary>
    private ShopFactory SlowGatewayApp(int latencyMs, int timeoutSeconds = 10) => new("Postgres", App.ConnectionString, settings: new Dictionary<string, string?>
    {
        ["Payments:Fake:LatencyMs"] = latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Payments:GatewayTimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task<T> SendTo<T>(ShopFactory factory, Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private Task<Order> StoredOrder(string number) =>
        Db(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == number));

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_fails_the_payment_and_releases_the_stock()
    {
        await using var slow = SlowGatewayApp(latencyMs: 3000, timeoutSeconds: 1);
        var visitor = Guid.NewGuid();
        var product = await Product("webcam-4k-ultra");
        await SendTo(slow, m => m.Send(new AddToCartCommand(visitor, product.Id, 2)));

        var watch = Stopwatch.StartNew();
        var result = await CheckoutAnswer.Of(() => SendTo(slow, m => m.Send(Checkout(visitor))));
        watch.Stop();

        Assert.Equal(CheckoutRefusal.PaymentFailed, result.Refusal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.9));
        Assert.Equal(OrderStatus.PaymentFailed, (await StoredOrder(result.OrderNumber!)).Status);
        Assert.Equal(product.Stock, (await Product("webcam-4k-ultra")).Stock);
        Assert.Equal(2, await CartItems(visitor));
        // The gateway never completed it, so asking later finds nothing: the sweeper would not resurrect it.
        Assert.Equal(0, slow.Services.GetRequiredService<FakePaymentGateway>().Authorizations);
    }

    [Fact]
    public async Task Concurrent_submits_of_one_form_authorize_the_card_once()
    {
        await using var slow = SlowGatewayApp(latencyMs: 300);
        var gateway = slow.Services.GetRequiredService<FakePaymentGateway>();
        for (var round = 0; round < 5; round++)
        {
            var visitor = Guid.NewGuid();
            var product = await Product("ring-light-18");
            await SendTo(slow, m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));
            var command = Checkout(visitor);
            var before = gateway.Authorizations;

            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => CheckoutAnswer.Of(() => SendTo(slow, m => m.Send(command))))));

            Assert.Equal(1, gateway.Authorizations - before);
            Assert.All(results, r => Assert.True(r.Succeeded, $"round {round}: {r.Outcome}"));
            Assert.Single(results.Select(r => r.OrderNumber).Distinct());
            Assert.Equal(product.Stock - 1, (await Product("ring-light-18")).Stock);
        }

        Assert.Equal(5, await OrderCount());
    }

    [Fact]
    public async Task Fifty_shoppers_of_one_product_with_a_slow_gateway_pay_at_the_same_time_not_in_line()
    {
        const int shoppers = 50;
        const int latencyMs = 500;
        await using var slow = SlowGatewayApp(latencyMs);
        var gateway = slow.Services.GetRequiredService<FakePaymentGateway>();
        var product = await Product("ring-light-18");
        await SetStock("ring-light-18", shoppers);
        var visitors = Enumerable.Range(0, shoppers).Select(_ => Guid.NewGuid()).ToList();
        foreach (var visitor in visitors)
        {
            await SendTo(slow, m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));
        }

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(visitors.Select(v => Task.Run(() => SendTo(slow, m => m.Send(Checkout(v))))));
        watch.Stop();
        output.WriteLine($"{shoppers} checkouts with a {latencyMs} ms gateway: {watch.ElapsedMilliseconds} ms; at most {gateway.MaxConcurrentAuthorizations} authorizations at once");

        Assert.All(results, r => Assert.Equal(PlaceOrderOutcome.Placed, r.Outcome));
        Assert.Equal(0, (await Product("ring-light-18")).Stock);
        // In line behind a row lock they would take 50 x 500 ms = 25 s, one authorization at a time. The number
        // itself is in docs/performance.md; here it is enough that the gateway saw many calls at once.
        Assert.True(gateway.MaxConcurrentAuthorizations >= 10, $"at most {gateway.MaxConcurrentAuthorizations} authorizations overlapped");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    /// <summary>An order as a checkout request leaves it when it dies between reserving and recording the payment.</summary>
    private async Task<Order> AbandonedOrder(int quantity, DateTimeOffset placedAt)
    {
        var product = await Product("webcam-4k-ultra");
        return await Db(async db =>
        {
            var order = new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
                new CustomerDetails("Ana", "Souza", "ana@example.com", "(11) 91234-5678", Cpf.Parse("529.982.247-25")),
                new Address(Cep.Parse("01310-100"), "Avenida Paulista", "1000", null, "Bela Vista", "São Paulo", Uf.Parse("SP")),
                [(product.Id, product.Name, product.Price, quantity)], Money.Brl(10m), PaymentMethod.Card,
                placedAt.AddMinutes(15), placedAt);
            Assert.True(await StockStoreTake(db, product.Id, quantity));
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order;
        });
    }

    private static async Task<bool> StockStoreTake(FakeShop.Infrastructure.Persistence.ShopDbContext db, int productId, int quantity) =>
        await FakeShop.Application.Catalog.StockStore.TryTakeAsync(db, productId, quantity, CancellationToken.None);

    [Fact]
    public async Task The_sweeper_settles_overdue_orders_by_asking_the_gateway_and_leaves_the_others()
    {
        var gateway = App.Factory.Services.GetRequiredService<FakePaymentGateway>();
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-20);
        var approvedButNotRecorded = await AbandonedOrder(2, longAgo);
        await gateway.AuthorizeAsync(new PaymentRequest(FakePaymentGateway.ApprovedCard, "ANA", 12, 2030, "123",
            approvedButNotRecorded.Total, approvedButNotRecorded.Number, PlaceOrderHandler.IdempotencyKey(approvedButNotRecorded.CheckoutToken)), CancellationToken.None);
        var neverPaid = await AbandonedOrder(3, longAgo);
        var stillWithinReservation = await AbandonedOrder(1, DateTimeOffset.UtcNow);
        var stockBefore = (await Product("webcam-4k-ultra")).Stock;

        var result = await Send(m => m.Send(new SettleOverduePaymentsCommand()));

        Assert.Equal(new SettleOverduePaymentsResult(Paid: 1, Released: 1), result);
        var paid = await StoredOrder(approvedButNotRecorded.Number);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.StartsWith("AUTH-", paid.Payment!.AuthorizationId, StringComparison.Ordinal);
        Assert.Equal("sweeper", paid.History.OrderBy(h => h.Id).Last().ChangedBy);
        Assert.Equal(OrderStatus.PaymentFailed, (await StoredOrder(neverPaid.Number)).Status);
        Assert.Equal(OrderStatus.AwaitingPayment, (await StoredOrder(stillWithinReservation.Number)).Status);
        Assert.Equal(stockBefore + 3, (await Product("webcam-4k-ultra")).Stock);

        // Nothing left to do: a second sweep changes nothing.
        Assert.Equal(new SettleOverduePaymentsResult(0, 0), await Send(m => m.Send(new SettleOverduePaymentsCommand())));
        Assert.Equal(stockBefore + 3, (await Product("webcam-4k-ultra")).Stock);
    }

    [Fact]
    public async Task Sweepers_running_at_once_release_a_reservation_once()
    {
        var orders = new List<Order>();
        for (var i = 0; i < 5; i++)
        {
            orders.Add(await AbandonedOrder(1, DateTimeOffset.UtcNow.AddMinutes(-30)));
        }

        var stockBefore = (await Product("webcam-4k-ultra")).Stock;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Send(m => m.Send(new SettleOverduePaymentsCommand())))));

        Assert.Equal(stockBefore + 5, (await Product("webcam-4k-ultra")).Stock);
        foreach (var order in orders)
        {
            var stored = await StoredOrder(order.Number);
            Assert.Equal(OrderStatus.PaymentFailed, stored.Status);
            Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.PaymentFailed], stored.History.OrderBy(h => h.Id).Select(h => h.Status));
        }
    }
}
