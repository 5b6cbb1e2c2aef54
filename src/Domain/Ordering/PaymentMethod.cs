namespace FakeShop.Domain.Ordering;

/// <summary>How the customer pays. Stored by name; new methods are appended.</summary>
public enum PaymentMethod
{
    Card = 0,
}
