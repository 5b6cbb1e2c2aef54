namespace FakeShop.Application.Payments;

public enum PaymentOutcome
{
    Approved,
    Declined,
    Failed,
}

public sealed record PaymentResult(PaymentOutcome Outcome, string? AuthorizationId, string CardBrand, string CardLast4, string? Reason)
{
    public static PaymentResult Approved(string authorizationId, string brand, string last4) => new(PaymentOutcome.Approved, authorizationId, brand, last4, null);

    public static PaymentResult Declined(string brand, string last4, string reason) => new(PaymentOutcome.Declined, null, brand, last4, reason);

    public static PaymentResult Failed(string brand, string last4, string reason) => new(PaymentOutcome.Failed, null, brand, last4, reason);
}
