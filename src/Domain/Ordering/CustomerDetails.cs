using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

public sealed record CustomerDetails
{
    private CustomerDetails()
    {
        FirstName = LastName = Email = Phone = string.Empty;
    }

    public CustomerDetails(string firstName, string lastName, string email, string phone)
    {
        FirstName = Guard.RequiredText(firstName, "first_name", 60);
        LastName = Guard.RequiredText(lastName, "last_name", 60);
        Email = Guard.RequiredText(email, "email", 254).ToLowerInvariant();
        Phone = Guard.RequiredText(phone, "phone", 20);
    }

    public string FirstName { get; private init; }

    public string LastName { get; private init; }

    public string Email { get; private init; }

    public string Phone { get; private init; }

    public string FullName => FirstName + " " + LastName;
}
