namespace FakeShop.Application.Checkout.PlaceOrder;

public enum PlaceOrderOutcome
{
    Placed,
    AlreadyPlaced,
    CartEmpty,
    PricesChanged,
    Unavailable,
    SoldOut,
    PaymentDeclined,
    PaymentFailed,

    /// <summary>The cart changed while this checkout ran (another tab's checkout emptied it): nothing was placed.</summary>
    CartChanged,
}
