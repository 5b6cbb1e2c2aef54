namespace FakeShop.Application.Admin.GetDashboard;

/// <param name="Revenue">Orders not cancelled; a cancelled order still counts as an order placed that day.</param>
public sealed record DailySalesVm(DateOnly Day, int Orders, Money Revenue);
