namespace FakeShop.Application.Admin.ListAdminOrders;

public sealed record AdminOrderRowVm(string Number, DateTimeOffset PlacedAt, string CustomerName, string Email, int ItemCount, Money Total, OrderStatus Status);
