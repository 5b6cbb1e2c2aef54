namespace FakeShop.Application.Orders.ListMyOrders;

public sealed record ListMyOrdersQuery(Guid VisitorId) : IQuery<IReadOnlyList<OrderSummaryVm>>;
