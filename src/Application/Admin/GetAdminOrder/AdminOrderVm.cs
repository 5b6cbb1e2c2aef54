using FakeShop.Application.Orders;

namespace FakeShop.Application.Admin.GetAdminOrder;

/// <param name="NextStatuses">What the state machine lets staff do from here: the page offers exactly these buttons.</param>
/// <param name="CardBrand">Null until a card payment is approved.</param>
public sealed record AdminOrderVm(
    string Number,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    CustomerDetails Customer,
    Address ShippingAddress,
    string? CardBrand,
    string? CardLast4,
    IReadOnlyList<OrderLineVm> Lines,
    Money Subtotal,
    Money Shipping,
    Money Total,
    IReadOnlyList<OrderHistoryVm> History,
    IReadOnlyList<OrderStatus> NextStatuses,
    PaymentMethod PaymentMethod,
    DateTimeOffset? PaymentDueAt);
