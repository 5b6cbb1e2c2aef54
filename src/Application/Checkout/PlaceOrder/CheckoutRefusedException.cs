namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>Why a checkout placed no order (or placed one whose payment failed, which the customer retries).</summary>
public enum CheckoutRefusal
{
    CartEmpty,
    PricesChanged,
    Unavailable,
    SoldOut,
    PaymentDeclined,
    PaymentFailed,

    /// <summary>The cart changed while this checkout ran (another tab's checkout emptied it): nothing was placed.</summary>
    CartChanged,
}

/// <summary>
/// The checkout's rule refusals (docs/decisions/0017), with what the page needs to word them: the products
/// concerned (sold out, unavailable, repriced) and, after a failed payment, the order that recorded it.
/// </summary>
public sealed class CheckoutRefusedException : DomainException
{
    public CheckoutRefusedException() : this(CheckoutRefusal.CartEmpty, [], null) { }

    public CheckoutRefusedException(string message) : base("checkout.refused", message) { }

    public CheckoutRefusedException(string message, Exception innerException) : base(message, innerException) { }

    public CheckoutRefusedException(CheckoutRefusal reason, IReadOnlyList<string> products, string? orderNumber)
        : base("checkout." + reason.ToString().ToLowerInvariant(), $"The checkout was refused: {reason}.")
    {
        Reason = reason;
        Products = products;
        OrderNumber = orderNumber;
    }

    public CheckoutRefusal Reason { get; }

    /// <summary>Names of the products concerned (sold out, unavailable, repriced).</summary>
    public IReadOnlyList<string> Products { get; } = [];

    /// <summary>The order that recorded a failed payment; null when nothing was written.</summary>
    public string? OrderNumber { get; }
}
