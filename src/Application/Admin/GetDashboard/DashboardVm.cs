using FakeShop.Application.Admin.ListAdminOrders;
using FakeShop.Application.Admin.ListAdminProducts;

namespace FakeShop.Application.Admin.GetDashboard;

/// <param name="Days">One entry per UTC day, oldest first, today last; days without orders are present with zeros.</param>
public sealed record DashboardVm(
    int TodayOrders,
    Money TodayRevenue,
    IReadOnlyList<DailySalesVm> Days,
    IReadOnlyList<AdminProductRowVm> LowStock,
    IReadOnlyList<AdminOrderRowVm> LatestOrders);
