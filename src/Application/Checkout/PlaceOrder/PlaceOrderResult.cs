namespace FakeShop.Application.Checkout.PlaceOrder;

public sealed record PlaceOrderResult(PlaceOrderOutcome Outcome, string OrderNumber);
