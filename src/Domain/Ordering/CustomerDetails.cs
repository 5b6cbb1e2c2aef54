using FakeShop.Domain.Brazil;
using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

public sealed record CustomerDetails
{
    private CustomerDetails()
    {
        FirstName = LastName = Email = Phone = string.Empty;
    }

    public CustomerDetails(string firstName, string lastName, string email, string phone, Cpf cpf)
    {
        FirstName = Guard.RequiredText(firstName, "first_name", 60);
        LastName = Guard.RequiredText(lastName, "last_name", 60);
        Email = Guard.RequiredText(email, "email", 254).ToLowerInvariant();
        Phone = Guard.RequiredText(phone, "phone", 20);
        Cpf = cpf ?? throw new DomainException("cpf.required", "cpf is required.");
    }

    public string FirstName { get; private init; }

    public string LastName { get; private init; }

    public string Email { get; private init; }

    public string Phone { get; private init; }

    /// <summary>For the invoice. Orders placed before the CPF was asked for have none.</summary>
    public Cpf? Cpf { get; private init; }

    public string FullName => FirstName + " " + LastName;
}
