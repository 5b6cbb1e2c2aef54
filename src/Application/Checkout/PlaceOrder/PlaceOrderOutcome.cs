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
}
