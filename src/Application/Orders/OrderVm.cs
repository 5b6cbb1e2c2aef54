using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;

namespace FakeShop.Application.Orders;

public sealed record OrderVm(
    string Number,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    string CustomerName,
    string Email,
    Address ShippingAddress,
    string CardBrand,
    string CardLast4,
    IReadOnlyList<OrderLineVm> Lines,
    Money Subtotal,
    Money Shipping,
    Money Total);

public sealed record OrderLineVm(int ProductId, string ProductName, Money UnitPrice, int Quantity)
{
    public Money LineTotal => UnitPrice * Quantity;
}

public sealed record OrderSummaryVm(string Number, OrderStatus Status, DateTimeOffset PlacedAt, int ItemCount, Money Total);
