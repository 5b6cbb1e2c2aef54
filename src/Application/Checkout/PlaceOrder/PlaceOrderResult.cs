namespace FakeShop.Application.Checkout.PlaceOrder;

/// <param name="Products">Names of the products concerned (sold out, unavailable, repriced).</param>
public sealed record PlaceOrderResult(PlaceOrderOutcome Outcome, string? OrderNumber = null, IReadOnlyList<string>? Products = null)
{
    public bool Succeeded => Outcome is PlaceOrderOutcome.Placed or PlaceOrderOutcome.AlreadyPlaced;
}
