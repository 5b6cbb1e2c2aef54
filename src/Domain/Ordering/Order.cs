using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// A placed order. Lines are snapshots; totals are computed once, at placement, from those snapshots. Status only
/// moves through <see cref="OrderStatusMachine"/>. An order is written before it is paid for: it starts
/// <see cref="OrderStatus.AwaitingPayment"/> with its stock reserved until <see cref="PaymentDueAt"/>, and the
/// payment's answer moves it to Paid or PaymentFailed (see docs/decisions/0009-order-first-payment.md).
/// </summary>
public partial class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderStatusChange> _history = [];

    private Order()
    {
        Number = string.Empty;
        Customer = null!;
        ShippingAddress = null!;
    }

    public Order(
        string number,
        Guid visitorId,
        Guid checkoutToken,
        CustomerDetails customer,
        Address shippingAddress,
        IEnumerable<(int ProductId, string Name, Money UnitPrice, int Quantity)> lines,
        Money shipping,
        PaymentMethod paymentMethod,
        DateTimeOffset paymentDueAt,
        DateTimeOffset now)
    {
        if (!OrderNumber.IsWellFormed(number))
        {
            throw new DomainException("order.number", "Malformed order number.");
        }

        Number = number;
        VisitorId = visitorId;
        CheckoutToken = checkoutToken;
        Customer = customer;
        ShippingAddress = shippingAddress;
        if (!Enum.IsDefined(paymentMethod))
        {
            throw new DomainException("order.payment_method", "Unknown payment method.");
        }

        if (paymentDueAt <= now)
        {
            throw new DomainException("order.payment_due", "The payment must be due after the order is placed.");
        }

        PaymentMethod = paymentMethod;
        PaymentDueAt = paymentDueAt;
        foreach (var (productId, name, unitPrice, quantity) in lines)
        {
            _lines.Add(new OrderLine(productId, name, unitPrice, quantity));
        }

        if (_lines.Count == 0)
        {
            throw new DomainException("order.empty", "An order needs at least one line.");
        }

        Subtotal = _lines.Aggregate(Money.Zero, (sum, l) => sum + l.LineTotal);
        Shipping = shipping;
        Total = Subtotal + Shipping;
        Status = OrderStatus.AwaitingPayment;
        PlacedAt = now;
        _history.Add(new OrderStatusChange(OrderStatus.AwaitingPayment, "customer", now));
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string Number { get; private set; }

    /// <summary>The anonymous visitor who owns the order; every customer-facing query filters on it.</summary>
    public Guid VisitorId { get; private set; }

    /// <summary>Idempotency key from the checkout form: one token, one order.</summary>
    public Guid CheckoutToken { get; private set; }

    public CustomerDetails Customer { get; private set; }

    public Address ShippingAddress { get; private set; }

    public PaymentMethod PaymentMethod { get; private set; }

    /// <summary>What the gateway authorised; null until a card payment is approved (and for other methods).</summary>
    public PaymentDetails? Payment { get; private set; }

    /// <summary>
    /// Until when the stock stays reserved for an order awaiting payment; after it the sweeper settles the order.
    /// Null for orders from before order-first payment.
    /// </summary>
    public DateTimeOffset? PaymentDueAt { get; private set; }

    public Money Subtotal { get; private set; }

    public Money Shipping { get; private set; }

    public Money Total { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public IReadOnlyList<OrderStatusChange> History => _history;

    /// <summary>The gateway approved the card: keep what it answered and mark the order paid.</summary>
    public void ConfirmCardPayment(PaymentDetails payment, string by, DateTimeOffset now)
    {
        MoveTo(OrderStatus.Paid, by, now);
        Payment = payment;
    }

    /// <summary>
    /// The payment was declined, failed, timed out or never came. The caller releases <see cref="Lines"/> back to
    /// stock in the same transaction: stock lives in another aggregate.
    /// </summary>
    public void FailPayment(string by, DateTimeOffset now) => MoveTo(OrderStatus.PaymentFailed, by, now);

    /// <summary>
    /// Staff's status change (ship, deliver, cancel by hand): only the moves <see cref="OrderStatusMachine.StaffNextOf"/>
    /// allows, so an order awaiting payment stays with the payment flow; any other move throws
    /// "order.illegal_transition". When cancelling, the caller restocks <see cref="Lines"/>: stock lives in another
    /// aggregate.
    /// </summary>
    public void ChangeStatusByStaff(OrderStatus target, string by, DateTimeOffset now)
    {
        OrderStatusMachine.EnsureStaffCanMove(Status, target);
        MoveTo(target, by, now);
    }

    private void MoveTo(OrderStatus target, string by, DateTimeOffset now)
    {
        OrderStatusMachine.EnsureCanMove(Status, target);
        Status = target;
        Version++;
        _history.Add(new OrderStatusChange(target, Guard.RequiredText(by, "changed_by", 256), now));
    }
}
