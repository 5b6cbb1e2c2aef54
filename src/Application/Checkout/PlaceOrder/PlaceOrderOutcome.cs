namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>How the order came to exist; a checkout that placed nothing throws <see cref="CheckoutRefusedException"/>.</summary>
public enum PlaceOrderOutcome
{
    Placed,

    /// <summary>This form had placed it already (a double click, a refresh, a concurrent submit).</summary>
    AlreadyPlaced,
}
