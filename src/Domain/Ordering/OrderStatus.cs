namespace FakeShop.Domain.Ordering;

public enum OrderStatus
{
    Placed = 0,
    Paid = 1,
    Shipped = 2,
    Delivered = 3,
    Cancelled = 4,
}
