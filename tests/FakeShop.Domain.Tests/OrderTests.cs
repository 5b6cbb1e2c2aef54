using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;

namespace FakeShop.Domain.Tests;

public class OrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    internal static Order NewOrder() => new(
        OrderNumber.New(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        new CustomerDetails("Ana", "Silva", "Ana@Example.com", "(11) 91234-5678"),
        new Address("Rua A, 1", null, "São Paulo", "SP", "01000-000", "Brasil"),
        [(1, "Webcam", Money.Brl(899.90m), 2), (2, "Ring light", Money.Brl(279.90m), 1)],
        Money.Brl(10m),
        Now);

    [Fact]
    public void Totals_come_from_the_snapshot_lines()
    {
        var order = NewOrder();
        Assert.Equal(Money.Brl(2079.70m), order.Subtotal);
        Assert.Equal(Money.Brl(2089.70m), order.Total);
        Assert.Equal("ana@example.com", order.Customer.Email);
        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Single(order.History);
    }

    [Fact]
    public void Happy_path_moves_placed_paid_shipped_delivered()
    {
        var order = NewOrder();
        order.MarkPaid("admin@x", Now);
        order.Ship("admin@x", Now);
        order.Deliver("admin@x", Now);
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal([OrderStatus.Placed, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered], order.History.Select(h => h.Status));
        Assert.Equal("admin@x", order.History[^1].ChangedBy);
    }

    [Theory]
    [InlineData(OrderStatus.Placed, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Placed, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Paid, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Delivered, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Paid)]
    [InlineData(OrderStatus.Paid, OrderStatus.Placed)]
    public void Illegal_transitions_are_rejected(OrderStatus from, OrderStatus to)
    {
        Assert.False(OrderStatusMachine.CanMove(from, to));
        var order = NewOrder();
        foreach (var step in PathTo(from))
        {
            order.MoveTo(step, "admin", Now);
        }

        var version = order.Version;
        Assert.Equal("order.illegal_transition", Assert.Throws<DomainException>(() => order.MoveTo(to, "admin", Now)).Code);
        Assert.Equal(from, order.Status);
        Assert.Equal(version, order.Version);
    }

    [Theory]
    [InlineData(OrderStatus.Placed)]
    [InlineData(OrderStatus.Paid)]
    public void Cancel_is_allowed_from_placed_or_paid(OrderStatus from)
    {
        var order = NewOrder();
        foreach (var step in PathTo(from))
        {
            order.MoveTo(step, "admin", Now);
        }

        order.Cancel("admin", Now);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void An_order_needs_lines()
    {
        Assert.Throws<DomainException>(() => new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
            new CustomerDetails("A", "B", "a@b.c", "11912345678"), new Address("x", null, "y", "z", "01000-000", "BR"), [], Money.Zero, Now));
    }

    [Fact]
    public void Payment_keeps_only_four_digits()
    {
        Assert.Throws<DomainException>(() => new PaymentDetails("Visa", "4111111111111111", "AUTH-1"));
        Assert.Equal("1111", new PaymentDetails("Visa", "1111", "AUTH-1").CardLast4);
    }

    private static IEnumerable<OrderStatus> PathTo(OrderStatus status) => status switch
    {
        OrderStatus.Paid => [OrderStatus.Paid],
        OrderStatus.Shipped => [OrderStatus.Paid, OrderStatus.Shipped],
        OrderStatus.Delivered => [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered],
        OrderStatus.Cancelled => [OrderStatus.Cancelled],
        _ => [],
    };
}
