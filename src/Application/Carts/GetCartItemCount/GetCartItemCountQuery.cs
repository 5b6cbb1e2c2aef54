namespace FakeShop.Application.Carts.GetCartItemCount;

public sealed record GetCartItemCountQuery(Guid VisitorId) : IQuery<int>;
