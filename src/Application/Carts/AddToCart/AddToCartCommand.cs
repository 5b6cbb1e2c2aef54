namespace FakeShop.Application.Carts.AddToCart;

public sealed record AddToCartCommand(Guid VisitorId, int ProductId, int Quantity) : ICommand<int>;
