namespace FakeShop.Application.Carts.AddToCart;

/// <summary>
/// Adds units of a product to a visitor's cart in one atomic step in the database: creates the cart if the visitor
/// has none, merges with an existing line (a concurrent add is never lost: the database adds to the stored quantity,
/// it does not overwrite it), records the catalogue price as the price seen, and refuses in the same step an inactive or unknown product and
/// anything <see cref="Domain.Carts.Cart.CheckAdd"/> refuses, returning that rule's code. Nothing is written when it
/// refuses.
/// Implemented per provider in Infrastructure, because the atomic step is SQL.
/// </summary>
public interface ICartItemWriter
{
    Task<CartItemAddition> AddAsync(Guid visitorId, int productId, int quantity, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What the add did; when it refused, which rule of <see cref="Domain.Carts.Cart.CheckAdd"/> the database applied.</summary>
/// <param name="ProductFound">The product exists and is on sale.</param>
/// <param name="Added">The units were added (false: nothing written).</param>
/// <param name="ItemCount">Units in the whole cart after the add (only when <paramref name="Added"/>).</param>
/// <param name="Refusal">
/// The rule the add broke on the cart as the database saw it. <see cref="Domain.Carts.CartRefusal.None"/> with
/// <paramref name="Added"/> false: the cart changed between that look and the write (another request of the same visitor).
/// </param>
/// <param name="Stock">The product's stock (for the refusal's message).</param>
public readonly record struct CartItemAddition(bool ProductFound, bool Added, int ItemCount, Domain.Carts.CartRefusal Refusal, int Stock);
