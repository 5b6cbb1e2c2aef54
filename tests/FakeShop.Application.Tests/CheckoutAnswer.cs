namespace FakeShop.Application.Tests;

/// <summary>
/// What one checkout answered, an order or a refusal (docs/decisions/0017 makes a refusal an exception), so tests
/// that fire many checkouts at once can count both.
/// </summary>
public sealed record CheckoutAnswer(PlaceOrderOutcome? Outcome, CheckoutRefusal? Refusal, string? OrderNumber, IReadOnlyList<string> Products)
{
    public bool Succeeded => Outcome is not null;

    public static async Task<CheckoutAnswer> Of(Func<Task<PlaceOrderResult>> place)
    {
        try
        {
            var placed = await place();
            return new CheckoutAnswer(placed.Outcome, null, placed.OrderNumber, []);
        }
        catch (CheckoutRefusedException refused)
        {
            return new CheckoutAnswer(null, refused.Reason, refused.OrderNumber, refused.Products);
        }
    }
}
