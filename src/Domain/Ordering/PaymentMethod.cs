namespace FakeShop.Domain.Ordering;

/// <summary>How the customer pays. Stored by name; new methods are appended.</summary>
public enum PaymentMethod
{
    Card = 0,

    /// <summary>Paid later, by the payer in their bank's app; confirmed by the provider's webhook (ADR 14).</summary>
    Pix = 1,
}
