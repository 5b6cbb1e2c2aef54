namespace FakeShop.Application.Orders;

/// <param name="MaskedCpf">***.456.789-**: the customer's own page never carries the full CPF.</param>
/// <param name="CardBrand">Null until a card payment is approved.</param>
/// <param name="PaymentDueAt">Until when an order awaiting payment keeps its stock.</param>
public sealed record OrderVm(
    string Number,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    string CustomerName,
    string Email,
    string? MaskedCpf,
    Address ShippingAddress,
    string? CardBrand,
    string? CardLast4,
    IReadOnlyList<OrderLineVm> Lines,
    Money Subtotal,
    Money Shipping,
    Money Total,
    PaymentMethod PaymentMethod,
    DateTimeOffset? PaymentDueAt);

public sealed record OrderLineVm(int ProductId, string ProductName, Money UnitPrice, int Quantity)
{
    public Money LineTotal => UnitPrice * Quantity;
}

public sealed record OrderSummaryVm(string Number, OrderStatus Status, DateTimeOffset PlacedAt, int ItemCount, Money Total);
