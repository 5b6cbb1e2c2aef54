namespace FakeShop.Application.Carts.ViewCart;

/// <summary>
/// Shows the visitor's cart re-priced from the catalogue. A command, not a query: showing a changed price records
/// that the customer has now seen it, so the notice appears once and checkout can rely on it.
/// </summary>
public sealed record ViewCartCommand(Guid? VisitorId) : ICommand<CartVm>;
