using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>A delivery address as the customer typed it, validated and trimmed.</summary>
public sealed record Address
{
    public const int LineMaxLength = 120;
    public const int CityMaxLength = 80;

    private Address()
    {
        Line1 = Line2 = City = State = PostalCode = Country = string.Empty;
    }

    public Address(string line1, string? line2, string city, string state, string postalCode, string country)
    {
        Line1 = Guard.RequiredText(line1, "address_line1", LineMaxLength);
        Line2 = Guard.OptionalText(line2, "address_line2", LineMaxLength);
        City = Guard.RequiredText(city, "city", CityMaxLength);
        State = Guard.RequiredText(state, "state", 40);
        PostalCode = Guard.RequiredText(postalCode, "postal_code", 12);
        Country = Guard.RequiredText(country, "country", 60);
    }

    public string Line1 { get; private init; }

    public string Line2 { get; private init; }

    public string City { get; private init; }

    public string State { get; private init; }

    public string PostalCode { get; private init; }

    public string Country { get; private init; }
}
