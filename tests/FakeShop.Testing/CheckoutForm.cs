using System.Globalization;

namespace FakeShop.Testing;

/// <summary>
/// The checkout form as a careful customer fills it in (field names as the page posts them), shared by every suite
/// that checks out over HTTP so a change to the form is made in one place.
/// </summary>
public static class CheckoutForm
{
    public const string ApprovedCard = "4111 1111 1111 1111";
    public const string DeclinedCard = "4000 0000 0000 0002";
    public const string DefaultEmail = "ana.souza@example.com";

    /// <summary>A CPF whose check digits are right (it is the textbook example, issued to nobody real).</summary>
    public const string ValidCpf = "123.456.789-09";

    public static Dictionary<string, string> Values(string card = ApprovedCard, string cvv = "123", string email = DefaultEmail) => new()
    {
        ["Input.FirstName"] = "Ana",
        ["Input.LastName"] = "Souza",
        ["Input.Email"] = email,
        ["Input.Phone"] = "(11) 91234-5678",
        ["Input.Cpf"] = ValidCpf,
        ["Input.Cep"] = "01310-100",
        ["Input.Street"] = "Avenida Paulista",
        ["Input.Number"] = "1000",
        ["Input.Complement"] = "Apto 42",
        ["Input.District"] = "Bela Vista",
        ["Input.City"] = "São Paulo",
        ["Input.Uf"] = "SP",
        ["Input.CardHolder"] = "ANA SOUZA",
        ["Input.CardNumber"] = card,
        ["Input.CardExpiry"] = "12/" + ((DateTime.UtcNow.Year + 3) % 100).ToString("00", CultureInfo.InvariantCulture),
        ["Input.Cvv"] = cvv,
    };
}
