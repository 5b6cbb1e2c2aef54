namespace FakeShop.Application.Orders.GetMyOrder;

/// <summary>An order of this visitor by number; another visitor's order is "not found".</summary>
public sealed record GetMyOrderQuery(Guid VisitorId, string Number) : IQuery<OrderVm>;
