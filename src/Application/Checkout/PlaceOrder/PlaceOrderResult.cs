namespace FakeShop.Application.Checkout.PlaceOrder;

/// <param name="LeftShownCatalogueUnchanged">
/// True when this request took no stock or only stock that kept every product's shown level (ADR 25): the page caches
/// stay. False whenever in doubt.
/// </param>
public sealed record PlaceOrderResult(PlaceOrderOutcome Outcome, string OrderNumber, bool LeftShownCatalogueUnchanged = false)
    : ICatalogChangeOutcome;
