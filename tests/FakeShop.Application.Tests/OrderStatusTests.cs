using FakeShop.Application.Orders.GetMyOrder;

namespace FakeShop.Application.Tests;

/// <summary>
/// Order status moves only AwaitingPayment → Paid → Shipped → Delivered (or Cancelled before shipping), persisted
/// with its history, and the customer's view follows it. Issue 12: checkout itself takes the order to Paid.
/// </summary>
public sealed class OrderStatusTests(AppFixture app) : UseCaseTest(app)
{
    private readonly Guid _visitor = Guid.NewGuid();

    private async Task<string> PlaceOrder()
    {
        var product = await Product("ring-light-18");
        await Send(m => m.Send(new AddToCartCommand(_visitor, product.Id, 1)));
        var result = await Send(m => m.Send(Checkout(_visitor)));
        Assert.Equal(PlaceOrderOutcome.Placed, result.Outcome);
        return result.OrderNumber!;
    }

    private Task<int> Move(string number, OrderStatus target) => Db(async db =>
    {
        var order = await db.Orders.Include(o => o.History).SingleAsync(o => o.Number == number);
        order.ChangeStatusByStaff(target, "test", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return 0;
    });

    private async Task<OrderStatus> StatusSeenByCustomer(string number) =>
        (await Send(m => m.Send(new GetMyOrderQuery(_visitor, number)))).Status;

    [Fact]
    public async Task An_order_goes_from_paid_to_delivered_with_its_history()
    {
        var number = await PlaceOrder();
        Assert.Equal(OrderStatus.Paid, await StatusSeenByCustomer(number));

        foreach (var next in new[] { OrderStatus.Shipped, OrderStatus.Delivered })
        {
            await Move(number, next);
            Assert.Equal(next, await StatusSeenByCustomer(number));
        }

        var stored = await Db(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == number));
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered], stored.History.OrderBy(h => h.Id).Select(h => h.Status));
        Assert.Equal(3, stored.Version);
    }

    [Theory]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Placed)]
    [InlineData(OrderStatus.AwaitingPayment)]
    [InlineData(OrderStatus.PaymentFailed)]
    public async Task A_paid_order_cannot_skip_steps(OrderStatus target)
    {
        var number = await PlaceOrder();

        var ex = await Assert.ThrowsAsync<DomainException>(() => Move(number, target));

        Assert.Equal("order.illegal_transition", ex.Code);
        Assert.Equal(OrderStatus.Paid, await StatusSeenByCustomer(number));
    }

    [Fact]
    public async Task Cancelled_is_final_and_shipped_orders_cannot_be_cancelled()
    {
        var cancelled = await PlaceOrder();
        await Move(cancelled, OrderStatus.Cancelled);
        await Assert.ThrowsAsync<DomainException>(() => Move(cancelled, OrderStatus.Paid));
        Assert.Equal(OrderStatus.Cancelled, await StatusSeenByCustomer(cancelled));

        var shipped = await PlaceOrder();
        await Move(shipped, OrderStatus.Shipped);
        await Assert.ThrowsAsync<DomainException>(() => Move(shipped, OrderStatus.Cancelled));
        Assert.Equal(OrderStatus.Shipped, await StatusSeenByCustomer(shipped));
    }

    [Fact]
    public async Task Two_staff_changing_the_same_order_at_once_cannot_both_win()
    {
        var number = await PlaceOrder();
        await using var scopeA = App.Factory.Services.CreateAsyncScope();
        await using var scopeB = App.Factory.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<FakeShop.Infrastructure.Persistence.ShopDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<FakeShop.Infrastructure.Persistence.ShopDbContext>();
        var a = await dbA.Orders.Include(o => o.History).SingleAsync(o => o.Number == number);
        var b = await dbB.Orders.Include(o => o.History).SingleAsync(o => o.Number == number);

        a.ChangeStatusByStaff(OrderStatus.Shipped, "alice", DateTimeOffset.UtcNow);
        await dbA.SaveChangesAsync();
        b.ChangeStatusByStaff(OrderStatus.Cancelled, "bob", DateTimeOffset.UtcNow);

        // The Version concurrency token stops the stale change.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());
        Assert.Equal(OrderStatus.Shipped, await StatusSeenByCustomer(number));
    }
}
