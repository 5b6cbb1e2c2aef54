using FakeShop.Domain.Common;

namespace FakeShop.Application.Payments;

public sealed record PaymentRequest(string CardNumber, string CardHolder, int ExpiryMonth, int ExpiryYear, string Cvv, Money Amount, string Reference)
{
    /// <summary>Never print card data, not even by accident in a log line or an exception message.</summary>
    public override string ToString() => $"PaymentRequest {{ Amount = {Amount}, Reference = {Reference} }}";
}
