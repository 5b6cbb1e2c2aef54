namespace FakeShop.Web.Pages.Checkout;

/// <summary>The checkout form as typed. All strings: parsing and rules belong to the use case's validator.</summary>
public sealed class CheckoutInput
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; } = "Brasil";

    public string? CardHolder { get; set; }

    public string? CardNumber { get; set; }

    public string? CardExpiry { get; set; }

    public string? Cvv { get; set; }
}
