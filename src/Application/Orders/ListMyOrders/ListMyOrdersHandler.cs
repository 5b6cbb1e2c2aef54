namespace FakeShop.Application.Orders.ListMyOrders;

/// <summary>
/// The visitor's orders. A card payment that failed is no order from the customer's point of view (checkout said
/// "no order was placed" and gave the cart back), so it is not listed; staff still see it.
/// </summary>
public sealed class ListMyOrdersHandler(IShopDbContext db) : IQueryHandler<ListMyOrdersQuery, IReadOnlyList<OrderSummaryVm>>
{
    public async ValueTask<IReadOnlyList<OrderSummaryVm>> Handle(ListMyOrdersQuery query, CancellationToken cancellationToken)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.VisitorId == query.VisitorId && !(o.Status == OrderStatus.PaymentFailed && o.PaymentMethod == PaymentMethod.Card))
            .Select(o => new { o.Number, o.Status, o.PlacedAt, ItemCount = o.Lines.Sum(l => l.Quantity), o.Total })
            .ToListAsync(cancellationToken);

        // Sorted in memory: SQLite cannot ORDER BY a DateTimeOffset column, and a visitor has few orders.
        return orders.OrderByDescending(o => o.PlacedAt)
            .Select(o => new OrderSummaryVm(o.Number, o.Status, o.PlacedAt, o.ItemCount, o.Total))
            .ToList();
    }
}
