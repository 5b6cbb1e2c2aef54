using FakeShop.Application.Admin.ListAdminOrders;
using FakeShop.Application.Admin.ListAdminProducts;

namespace FakeShop.Application.Admin.GetDashboard;

public sealed class GetDashboardHandler(IShopDbContext db, TimeProvider clock) : IQueryHandler<GetDashboardQuery, DashboardVm>
{
    public async ValueTask<DashboardVm> Handle(GetDashboardQuery query, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var firstDay = today.AddDays(1 - GetDashboardQuery.Days);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // Revenue is money actually authorised: not cancelled, not failed, not still awaiting payment.
        // Thirty days of (time, total, status) triples is small; grouping by UTC day is done here, portable across providers.
        var recent = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt >= since)
            .Select(o => new { o.PlacedAt, o.Total, o.Status })
            .ToListAsync(cancellationToken);
        var byDay = recent.GroupBy(o => DateOnly.FromDateTime(o.PlacedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.ToList());
        var days = Enumerable.Range(0, GetDashboardQuery.Days)
            .Select(i => firstDay.AddDays(i))
            .Select(d => byDay.TryGetValue(d, out var orders)
                ? new DailySalesVm(d, orders.Count, orders.Where(o => o.Status is not (OrderStatus.Cancelled or OrderStatus.PaymentFailed or OrderStatus.AwaitingPayment)).Aggregate(Money.Zero, (sum, o) => sum + o.Total))
                : new DailySalesVm(d, 0, Money.Zero))
            .ToList();

        var lowStock = await db.Products.AsNoTracking()
            .Where(p => p.Stock <= AdminCatalog.LowStockThreshold)
            .OrderBy(p => p.Stock).ThenBy(p => p.Name)
            .Take(20)
            .Select(p => new AdminProductRowVm(p.Id, p.Name, p.Slug, p.Category!.Name, p.Price, p.Stock, p.IsActive, p.ImageUrl))
            .ToListAsync(cancellationToken);

        var latest = await db.Orders.AsNoTracking()
            .OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Number)
            .Take(GetDashboardQuery.LatestOrders)
            .Select(o => new AdminOrderRowVm(o.Number, o.PlacedAt, o.Customer.FirstName + " " + o.Customer.LastName, o.Customer.Email,
                o.Lines.Sum(l => l.Quantity), o.Total, o.Status))
            .ToListAsync(cancellationToken);

        var todayStats = days[^1];
        return new DashboardVm(todayStats.Orders, todayStats.Revenue, days, lowStock, latest);
    }
}
