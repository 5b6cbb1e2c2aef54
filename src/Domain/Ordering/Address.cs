using FakeShop.Domain.Brazil;
using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// A Brazilian delivery address as the Correios expect it: CEP, street (logradouro), number, optional complement,
/// district (bairro), city and state. The shop delivers only in Brazil, so there is no country.
/// </summary>
public sealed record Address
{
    public const int StreetMaxLength = 120;
    public const int NumberMaxLength = 10;
    public const int ComplementMaxLength = 120;
    public const int DistrictMaxLength = 60;
    public const int CityMaxLength = 80;

    private Address()
    {
        Cep = null!;
        Uf = null!;
        Street = Number = Complement = District = City = string.Empty;
    }

    public Address(Cep cep, string street, string number, string? complement, string district, string city, Uf uf)
    {
        Cep = cep ?? throw new DomainException("cep.required", "cep is required.");
        Street = Guard.RequiredText(street, "street", StreetMaxLength);
        Number = Guard.RequiredText(number, "number", NumberMaxLength);
        Complement = Guard.OptionalText(complement, "complement", ComplementMaxLength);
        District = Guard.RequiredText(district, "district", DistrictMaxLength);
        City = Guard.RequiredText(city, "city", CityMaxLength);
        Uf = uf ?? throw new DomainException("uf.required", "uf is required.");
    }

    public Cep Cep { get; private init; }

    public string Street { get; private init; }

    /// <summary>Text, not a number: "1000", "S/N" (sem número) and "12A" are all real.</summary>
    public string Number { get; private init; }

    public string Complement { get; private init; }

    public string District { get; private init; }

    public string City { get; private init; }

    public Uf Uf { get; private init; }

    /// <summary>
    /// "Avenida Paulista, 1000 - Apto 42": the first line as the Correios print it. Orders from before the number
    /// had its own field have it inside the street and no number.
    /// </summary>
    public string StreetLine => string.Join(" - ", new[] { Number.Length == 0 ? Street : $"{Street}, {Number}", Complement }.Where(p => p.Length > 0));
}
