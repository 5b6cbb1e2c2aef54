namespace FakeShop.Application.Admin.GetDashboard;

public sealed record GetDashboardQuery : IQuery<DashboardVm>
{
    public const int Days = 30;
    public const int LatestOrders = 10;
}
