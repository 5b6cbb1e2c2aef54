using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// What the shop keeps about a payment: brand, last four digits and the gateway's authorization id. The type has
/// no place for a full card number or a CVV, so they cannot be stored by mistake.
/// </summary>
public sealed record PaymentDetails
{
    private PaymentDetails()
    {
        CardBrand = CardLast4 = AuthorizationId = string.Empty;
    }

    public PaymentDetails(string cardBrand, string cardLast4, string authorizationId)
    {
        CardBrand = Guard.RequiredText(cardBrand, "card_brand", 20);
        if (cardLast4 is not { Length: 4 } || !cardLast4.All(char.IsAsciiDigit))
        {
            throw new DomainException("card_last4", "Exactly the last four digits of the card are kept.");
        }

        CardLast4 = cardLast4;
        AuthorizationId = Guard.RequiredText(authorizationId, "authorization_id", 64);
    }

    public string CardBrand { get; private init; }

    public string CardLast4 { get; private init; }

    public string AuthorizationId { get; private init; }
}
