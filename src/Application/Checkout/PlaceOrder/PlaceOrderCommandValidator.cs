using FakeShop.Domain.Ordering;
using FluentValidation;

namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>
/// Server-side rules for the checkout form; the page mirrors them as HTML attributes, but only these count.
/// Messages are English keys that the web layer translates.
/// </summary>
public sealed class PlaceOrderCommandValidator : AbstractValidator<PlaceOrderCommand>
{
    public PlaceOrderCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.VisitorId).NotEmpty();
        RuleFor(c => c.CheckoutToken).NotEmpty().WithMessage(PlaceOrderHandler.ExpiredFormMessage);
        RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter your first name.").MaximumLength(60).WithMessage("At most 60 characters.");
        RuleFor(c => c.LastName).NotEmpty().WithMessage("Enter your last name.").MaximumLength(60).WithMessage("At most 60 characters.");
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your e-mail address.")
            .MaximumLength(254).WithMessage("At most 254 characters.")
            .Matches(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$").WithMessage("Enter a valid e-mail address.");
        RuleFor(c => c.Phone).NotEmpty().WithMessage("Enter your mobile number.")
            .Matches(@"^\+?[0-9 ()\-]{10,20}$").WithMessage("Enter a mobile number with area code, e.g. (11) 91234-5678.");
        RuleFor(c => c.AddressLine1).NotEmpty().WithMessage("Enter your address.").MaximumLength(Address.LineMaxLength).WithMessage("At most 120 characters.");
        RuleFor(c => c.AddressLine2).MaximumLength(Address.LineMaxLength).WithMessage("At most 120 characters.");
        RuleFor(c => c.City).NotEmpty().WithMessage("Enter your city.").MaximumLength(Address.CityMaxLength).WithMessage("At most 80 characters.");
        RuleFor(c => c.State).NotEmpty().WithMessage("Enter your state.").MaximumLength(40).WithMessage("At most 40 characters.");
        RuleFor(c => c.PostalCode).NotEmpty().WithMessage("Enter your CEP.")
            .Matches(@"^[0-9]{5}-?[0-9]{3}$").WithMessage("Enter the CEP as 00000-000.");
        RuleFor(c => c.Country).NotEmpty().WithMessage("Enter your country.").MaximumLength(60).WithMessage("At most 60 characters.");
        RuleFor(c => c.CardHolder).NotEmpty().WithMessage("Enter the name on the card.").MaximumLength(80).WithMessage("At most 80 characters.");
        RuleFor(c => c.CardNumber)
            .Must(n => CardBrand.PassesLuhn(CardBrand.Normalize(n))).WithMessage("Enter a valid card number.");
        RuleFor(c => c.CardExpiry)
            .Must(e => CardExpiry.TryParse(e, out _, out _)).WithMessage("Enter the expiry date as MM/YY.")
            .Must(e => !CardExpiry.TryParse(e, out var m, out var y) || !CardExpiry.IsExpired(m, y, clock.GetUtcNow()))
            .WithMessage("This card has expired.");
        RuleFor(c => c.Cvv).Matches("^[0-9]{3,4}$").WithMessage("Enter the 3 or 4 digit security code.");
    }
}
