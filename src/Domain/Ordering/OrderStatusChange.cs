namespace FakeShop.Domain.Ordering;

/// <summary>One step in an order's history: who moved it where, and when.</summary>
public class OrderStatusChange
{
    private OrderStatusChange()
    {
        ChangedBy = string.Empty;
    }

    internal OrderStatusChange(OrderStatus status, string changedBy, DateTimeOffset at)
    {
        Status = status;
        ChangedBy = changedBy;
        ChangedAt = at;
    }

    public int Id { get; private set; }

    public OrderStatus Status { get; private set; }

    public string ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }
}
