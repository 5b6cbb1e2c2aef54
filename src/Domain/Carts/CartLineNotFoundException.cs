using FakeShop.Domain.Common;

namespace FakeShop.Domain.Carts;

/// <summary>The line is not in this visitor's cart: treated as "not found", never as someone else's line.</summary>
public sealed class CartLineNotFoundException : DomainException
{
    public CartLineNotFoundException(int lineId) : base("cart.line_not_found", $"Cart line {lineId} was not found.") { }

    public CartLineNotFoundException() : base("cart.line_not_found", "Cart line was not found.") { }

    public CartLineNotFoundException(string message) : base("cart.line_not_found", message) { }

    public CartLineNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
