using FakeShop.Domain.Common;

namespace FakeShop.Domain.Carts;

/// <summary>
/// One product in a cart. The price charged is always the catalogue's; <see cref="PriceSeen"/> is only the price
/// the customer was last shown, kept so that a change can be pointed out before anyone pays it.
/// </summary>
public class CartLine
{
    private CartLine() { }

    internal CartLine(int productId, int quantity, Money priceSeen)
    {
        ProductId = productId;
        Quantity = new Quantity(quantity).Value;
        PriceSeen = priceSeen;
    }

    public int Id { get; private set; }

    public Guid CartId { get; private set; }

    public int ProductId { get; private set; }

    public int Quantity { get; private set; }

    public Money PriceSeen { get; private set; }

    internal void ChangeQuantity(int quantity) => Quantity = new Quantity(quantity).Value;

    internal void AcknowledgePrice(Money price) => PriceSeen = price;
}
