using System.Security.Cryptography;
using FakeShop.Application.Payments;
using FakeShop.Domain.Ordering;

namespace FakeShop.Infrastructure.Payments;

/// <summary>
/// A stand-in payment provider with documented test cards (see README "Test cards"):
/// 4000 0000 0000 0002 is declined, 4000 0000 0000 0119 fails technically, any other Luhn-valid number is approved.
/// It keeps nothing; like a real gateway it answers with an authorization id.
/// </summary>
public sealed class FakePaymentGateway : IPaymentGateway
{
    public const string DeclinedCard = "4000000000000002";
    public const string FailingCard = "4000000000000119";
    public const string ApprovedCard = "4111111111111111";

    public Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var digits = CardBrand.Normalize(request.CardNumber);
        var brand = CardBrand.Detect(digits);
        var last4 = digits.Length >= 4 ? digits[^4..] : "0000";

        var result = digits switch
        {
            DeclinedCard => PaymentResult.Declined(brand, last4, "insufficient_funds"),
            FailingCard => PaymentResult.Failed(brand, last4, "processor_unavailable"),
            _ when !CardBrand.PassesLuhn(digits) => PaymentResult.Declined(brand, last4, "invalid_number"),
            _ => PaymentResult.Approved("AUTH-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), brand, last4),
        };
        return Task.FromResult(result);
    }
}
