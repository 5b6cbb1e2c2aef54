namespace FakeShop.Application.Payments;

/// <param name="IdempotencyKey">The checkout token: a resubmitted form can never authorize twice.</param>
public sealed record PaymentRequest(string CardNumber, string CardHolder, int ExpiryMonth, int ExpiryYear, string Cvv, Money Amount, string Reference, string IdempotencyKey)
{
    /// <summary>Never print card data, not even by accident in a log line or an exception message.</summary>
    public override string ToString() => $"PaymentRequest {{ Amount = {Amount}, Reference = {Reference} }}";
}
