namespace FakeShop.Application.Carts.ClearCart;

public sealed record ClearCartCommand(Guid VisitorId) : ICommand;
