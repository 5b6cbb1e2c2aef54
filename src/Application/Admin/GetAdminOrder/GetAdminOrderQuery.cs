namespace FakeShop.Application.Admin.GetAdminOrder;

public sealed record GetAdminOrderQuery(string Number) : IQuery<AdminOrderVm>;
