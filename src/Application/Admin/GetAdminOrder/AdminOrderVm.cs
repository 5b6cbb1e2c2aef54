using FakeShop.Application.Orders;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;

namespace FakeShop.Application.Admin.GetAdminOrder;

/// <param name="NextStatuses">What the state machine allows from here: the page offers exactly these buttons.</param>
public sealed record AdminOrderVm(
    string Number,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    CustomerDetails Customer,
    Address ShippingAddress,
    string CardBrand,
    string CardLast4,
    IReadOnlyList<OrderLineVm> Lines,
    Money Subtotal,
    Money Shipping,
    Money Total,
    IReadOnlyList<OrderHistoryVm> History,
    IReadOnlyList<OrderStatus> NextStatuses);
