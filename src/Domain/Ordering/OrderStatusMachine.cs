using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// The only place that knows which status may follow which.
/// AwaitingPayment → Paid (the gateway approved) or → PaymentFailed (declined, failed, timed out or expired; the
/// reservation is released). Paid → Shipped → Delivered; Cancelled only from Placed or Paid, because shipped goods
/// can no longer simply be restocked. Placed (orders from before order-first payment) → Paid or Cancelled.
/// </summary>
public static class OrderStatusMachine
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.AwaitingPayment] = [OrderStatus.Paid, OrderStatus.PaymentFailed],
        [OrderStatus.PaymentFailed] = [],
        [OrderStatus.Placed] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<OrderStatus> NextOf(OrderStatus from) => Allowed[from];

    /// <summary>
    /// The moves staff may make by hand. An order awaiting payment belongs to the payment flow (the gateway's answer,
    /// the sweeper, a Pix webhook): a person moving it would race the money.
    /// </summary>
    public static IReadOnlyList<OrderStatus> StaffNextOf(OrderStatus from) =>
        from == OrderStatus.AwaitingPayment ? [] : Allowed[from];

    public static void EnsureCanMove(OrderStatus from, OrderStatus to)
    {
        if (!CanMove(from, to))
        {
            throw Illegal(from, to);
        }
    }

    /// <summary>As <see cref="EnsureCanMove"/>, limited to <see cref="StaffNextOf"/>; the same refusal either way.</summary>
    public static void EnsureStaffCanMove(OrderStatus from, OrderStatus to)
    {
        if (!StaffNextOf(from).Contains(to))
        {
            throw Illegal(from, to);
        }
    }

    /// <summary>The code of every refused status change, whoever asked for it.</summary>
    public const string IllegalTransition = "order.illegal_transition";

    private static DomainException Illegal(OrderStatus from, OrderStatus to) =>
        new(IllegalTransition, $"An order that is {from} cannot become {to}.");
}
