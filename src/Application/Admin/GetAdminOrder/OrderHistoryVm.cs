namespace FakeShop.Application.Admin.GetAdminOrder;

public sealed record OrderHistoryVm(OrderStatus Status, string ChangedBy, DateTimeOffset ChangedAt);
