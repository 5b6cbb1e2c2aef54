using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>A snapshot of what was bought: later catalogue edits do not change past orders.</summary>
public class OrderLine
{
    private OrderLine()
    {
        ProductName = string.Empty;
    }

    internal OrderLine(int productId, string productName, Money unitPrice, int quantity)
    {
        ProductId = productId;
        ProductName = Guard.RequiredText(productName, "product_name", 120);
        UnitPrice = unitPrice.IsZero
            ? throw new DomainException("order.line_price", "A line needs a positive price.")
            : unitPrice;
        Quantity = new Quantity(quantity).Value;
    }

    public int Id { get; private set; }

    public int ProductId { get; private set; }

    public string ProductName { get; private set; }

    public Money UnitPrice { get; private set; }

    public int Quantity { get; private set; }

    public Money LineTotal => UnitPrice * Quantity;
}
