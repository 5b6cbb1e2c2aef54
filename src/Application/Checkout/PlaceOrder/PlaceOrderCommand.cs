using FakeShop.Application.Common.Abstractions;
using Mediator;

namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>
/// The checkout form. <see cref="CheckoutToken"/> is the idempotency key rendered into the form: submitting the same
/// form twice yields the same single order.
/// </summary>
public sealed record PlaceOrderCommand : ICommand<PlaceOrderResult>, IChangesCatalog
{
    public Guid VisitorId { get; init; }

    public Guid CheckoutToken { get; init; }

    public string FirstName { get; init; } = string.Empty;

    public string LastName { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public string Phone { get; init; } = string.Empty;

    public string AddressLine1 { get; init; } = string.Empty;

    public string? AddressLine2 { get; init; }

    public string City { get; init; } = string.Empty;

    public string State { get; init; } = string.Empty;

    public string PostalCode { get; init; } = string.Empty;

    public string Country { get; init; } = string.Empty;

    public string CardHolder { get; init; } = string.Empty;

    public string CardNumber { get; init; } = string.Empty;

    /// <summary>MM/YY as printed on the card.</summary>
    public string CardExpiry { get; init; } = string.Empty;

    public string Cvv { get; init; } = string.Empty;

    /// <summary>Card number and CVV must never reach a log line through the record's generated ToString.</summary>
    public override string ToString() => $"PlaceOrderCommand {{ CheckoutToken = {CheckoutToken} }}";
}
