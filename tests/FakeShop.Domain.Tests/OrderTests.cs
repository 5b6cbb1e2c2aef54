using FakeShop.Domain.Brazil;
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
        new CustomerDetails("Ana", "Silva", "Ana@Example.com", "(11) 91234-5678", Cpf.Parse("123.456.789-09")),
        new Address(Cep.Parse("01000-000"), "Rua A", "1", null, "Sé", "São Paulo", Uf.Parse("SP")),
        [(1, "Webcam", Money.Brl(899.90m), 2), (2, "Ring light", Money.Brl(279.90m), 1)],
        Money.Brl(10m),
        PaymentMethod.Card,
        Now.AddMinutes(15),
        Now);

    [Fact]
    public void Totals_come_from_the_snapshot_lines()
    {
        var order = NewOrder();
        Assert.Equal(Money.Brl(2079.70m), order.Subtotal);
        Assert.Equal(Money.Brl(2089.70m), order.Total);
        Assert.Equal("ana@example.com", order.Customer.Email);
        // Issue 12: an order is written before it is paid for.
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(PaymentMethod.Card, order.PaymentMethod);
        Assert.Equal(Now.AddMinutes(15), order.PaymentDueAt);
        Assert.Null(order.Payment);
        Assert.Single(order.History);
    }

    [Fact]
    public void An_approved_card_payment_marks_the_order_paid_and_keeps_the_authorization()
    {
        var order = NewOrder();
        order.ConfirmCardPayment(new PaymentDetails("Visa", "1111", "AUTH-1"), "gateway", Now);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal("AUTH-1", order.Payment!.AuthorizationId);
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid], order.History.Select(h => h.Status));
        Assert.Equal(1, order.Version);
    }

    [Fact]
    public void A_failed_payment_is_final()
    {
        var order = NewOrder();
        order.FailPayment("gateway", Now);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Throws<DomainException>(() => order.ConfirmCardPayment(new PaymentDetails("Visa", "1111", "AUTH-1"), "gateway", Now));
        Assert.Throws<DomainException>(() => order.ChangeStatusByStaff(OrderStatus.Cancelled, "admin", Now));
        Assert.Null(order.Payment);
        Assert.Empty(OrderStatusMachine.NextOf(OrderStatus.PaymentFailed));
    }

    [Fact]
    public void Staff_cannot_move_an_order_that_awaits_payment()
    {
        Assert.Empty(OrderStatusMachine.StaffNextOf(OrderStatus.AwaitingPayment));
        Assert.Equal([OrderStatus.Shipped, OrderStatus.Cancelled], OrderStatusMachine.StaffNextOf(OrderStatus.Paid));
    }

    [Fact]
    public void The_payment_must_be_due_after_the_order_is_placed_and_the_method_known()
    {
        var customer = new CustomerDetails("A", "B", "a@b.c", "11912345678", Cpf.Parse("12345678909"));
        var address = new Address(Cep.Parse("01000-000"), "x", "1", null, "y", "z", Uf.Parse("SP"));
        Assert.Equal("order.payment_due", Assert.Throws<DomainException>(() => new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
            customer, address, [(1, "x", Money.Brl(1m), 1)], Money.Zero, PaymentMethod.Card, Now, Now)).Code);
        Assert.Equal("order.payment_method", Assert.Throws<DomainException>(() => new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
            customer, address, [(1, "x", Money.Brl(1m), 1)], Money.Zero, (PaymentMethod)99, Now.AddMinutes(1), Now)).Code);
    }

    [Fact]
    public void Happy_path_moves_awaiting_payment_paid_shipped_delivered()
    {
        var order = NewOrder();
        order.ConfirmCardPayment(new PaymentDetails("Visa", "1111", "AUTH-1"), "admin@x", Now);
        order.ChangeStatusByStaff(OrderStatus.Shipped, "admin@x", Now);
        order.ChangeStatusByStaff(OrderStatus.Delivered, "admin@x", Now);
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered], order.History.Select(h => h.Status));
        Assert.Equal("admin@x", order.History[^1].ChangedBy);
    }

    [Theory]
    [InlineData(OrderStatus.AwaitingPayment, OrderStatus.Shipped)]
    [InlineData(OrderStatus.AwaitingPayment, OrderStatus.Delivered)]
    [InlineData(OrderStatus.AwaitingPayment, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.AwaitingPayment, OrderStatus.Placed)]
    [InlineData(OrderStatus.PaymentFailed, OrderStatus.Paid)]
    [InlineData(OrderStatus.Paid, OrderStatus.PaymentFailed)]
    [InlineData(OrderStatus.Paid, OrderStatus.AwaitingPayment)]
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
            Step(order, step);
        }

        var version = order.Version;
        Assert.Equal("order.illegal_transition", Assert.Throws<DomainException>(() => order.ChangeStatusByStaff(to, "admin", Now)).Code);
        Assert.Equal(from, order.Status);
        Assert.Equal(version, order.Version);
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    public void Cancel_is_allowed_from_paid(OrderStatus from)
    {
        var order = NewOrder();
        foreach (var step in PathTo(from))
        {
            Step(order, step);
        }

        order.ChangeStatusByStaff(OrderStatus.Cancelled, "admin", Now);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void An_order_needs_lines()
    {
        Assert.Throws<DomainException>(() => new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
            new CustomerDetails("A", "B", "a@b.c", "11912345678", Cpf.Parse("12345678909")),
            new Address(Cep.Parse("01000000"), "x", "1", null, "y", "z", Uf.Parse("SP")), [], Money.Zero, PaymentMethod.Card, Now.AddMinutes(15), Now));
    }

    [Fact]
    public void Payment_keeps_only_four_digits()
    {
        Assert.Throws<DomainException>(() => new PaymentDetails("Visa", "4111111111111111", "AUTH-1"));
        Assert.Equal("1111", new PaymentDetails("Visa", "1111", "AUTH-1").CardLast4);
    }

    /// <summary>One step of <see cref="PathTo"/>, taken the way the shop takes it: payment steps by the payment flow.</summary>
    private static void Step(Order order, OrderStatus to)
    {
        switch (to)
        {
            case OrderStatus.Paid:
                order.ConfirmCardPayment(new PaymentDetails("Visa", "1111", "AUTH-1"), "gateway", Now);
                break;
            case OrderStatus.PaymentFailed:
                order.FailPayment("gateway", Now);
                break;
            default:
                order.ChangeStatusByStaff(to, "admin", Now);
                break;
        }
    }

    private static IEnumerable<OrderStatus> PathTo(OrderStatus status) => status switch
    {
        OrderStatus.Paid => [OrderStatus.Paid],
        OrderStatus.Shipped => [OrderStatus.Paid, OrderStatus.Shipped],
        OrderStatus.Delivered => [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered],
        OrderStatus.Cancelled => [OrderStatus.Paid, OrderStatus.Cancelled],
        OrderStatus.PaymentFailed => [OrderStatus.PaymentFailed],
        _ => [],
    };
}
