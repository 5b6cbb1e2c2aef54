namespace FakeShop.Application.Carts.AddToCart;

/// <summary>
/// Adds units of a product to a visitor's cart in one atomic step in the database: creates the cart if the visitor
/// has none, merges with an existing line (a concurrent add is never lost: the database adds to the stored quantity,
/// it does not overwrite it), records the catalogue price as the price seen, and refuses in the same step anything
/// <see cref="Domain.Carts.Cart.AddItem"/> would refuse (line above <see cref="Domain.Common.Quantity.Max"/>, more
/// than the stock, an inactive or unknown product, a new line in a full cart). Nothing is written when it refuses.
/// Implemented per provider in Infrastructure, because the atomic step is SQL.
/// </summary>
public interface ICartItemWriter
{
    Task<CartItemAddition> AddAsync(Guid visitorId, int productId, int quantity, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// What the add did, and the cart and product as the database saw them just before it (used to explain a refusal
/// with the domain's own rule and message).
/// </summary>
/// <param name="ProductFound">The product exists and is on sale.</param>
/// <param name="Added">The units were added (false: refused, nothing written).</param>
/// <param name="ItemCount">Units in the whole cart after the add (only when <paramref name="Added"/>).</param>
/// <param name="Stock">The product's stock.</param>
/// <param name="LineQuantity">Units of this product already in the cart before the add (0 = no line).</param>
/// <param name="LineCount">Lines in the cart before the add, this product's included.</param>
public readonly record struct CartItemAddition(bool ProductFound, bool Added, int ItemCount, int Stock, int LineQuantity, int LineCount);
