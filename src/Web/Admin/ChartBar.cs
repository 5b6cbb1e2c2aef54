using FakeShop.Application.Admin.GetDashboard;

namespace FakeShop.Web.Admin;

public sealed record ChartBar(double X, double Y, double Width, double Height, DailySalesVm Day);
