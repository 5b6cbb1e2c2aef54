namespace FakeShop.Web.Pages.Checkout;

/// <summary>The checkout form as typed. All strings: parsing and rules belong to the use case's validator.</summary>
public sealed class CheckoutInput
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Cpf { get; set; }

    public string? Cep { get; set; }

    public string? Street { get; set; }

    public string? Number { get; set; }

    public string? Complement { get; set; }

    public string? District { get; set; }

    public string? City { get; set; }

    public string? Uf { get; set; }

    /// <summary>"Pix" from the Pix button; anything else (or nothing) is a card payment.</summary>
    public string? PaymentMethod { get; set; }

    public string? CardHolder { get; set; }

    public string? CardNumber { get; set; }

    public string? CardExpiry { get; set; }

    public string? Cvv { get; set; }
}
