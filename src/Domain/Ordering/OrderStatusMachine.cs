using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// The only place that knows which status may follow which. Placed → Paid → Shipped → Delivered; Cancelled only
/// from Placed or Paid, because shipped goods can no longer simply be restocked.
/// </summary>
public static class OrderStatusMachine
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Placed] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<OrderStatus> NextOf(OrderStatus from) => Allowed[from];

    public static void EnsureCanMove(OrderStatus from, OrderStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new DomainException("order.illegal_transition", $"An order that is {from} cannot become {to}.");
        }
    }
}
