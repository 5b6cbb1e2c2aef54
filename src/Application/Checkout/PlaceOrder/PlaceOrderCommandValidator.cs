using FakeShop.Domain.Brazil;
using FakeShop.Application.Payments.Pix;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>
/// Server-side rules for the checkout form: the only ones a shopper sees (the form is novalidate), next to each field.
/// Messages are English keys that the web layer translates.
/// </summary>
public sealed class PlaceOrderCommandValidator : AbstractValidator<PlaceOrderCommand>
{
    public PlaceOrderCommandValidator(TimeProvider clock, IOptions<PixOptions> pix)
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
        RuleFor(c => c.Cpf).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your CPF.")
            .Must(c => Cpf.TryParse(c, out _)).WithMessage("Enter a valid CPF, e.g. 123.456.789-09.");
        RuleFor(c => c.Cep).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your CEP.")
            .Must(c => Cep.TryParse(c, out _)).WithMessage("Enter the CEP as 00000-000.");
        RuleFor(c => c.Street).NotEmpty().WithMessage("Enter the street.").MaximumLength(Address.StreetMaxLength).WithMessage("At most 120 characters.");
        RuleFor(c => c.Number).NotEmpty().WithMessage("Enter the number, or S/N if there is none.").MaximumLength(Address.NumberMaxLength).WithMessage("At most 10 characters.");
        RuleFor(c => c.Complement).MaximumLength(Address.ComplementMaxLength).WithMessage("At most 120 characters.");
        RuleFor(c => c.District).NotEmpty().WithMessage("Enter the district (bairro).").MaximumLength(Address.DistrictMaxLength).WithMessage("At most 60 characters.");
        RuleFor(c => c.City).NotEmpty().WithMessage("Enter your city.").MaximumLength(Address.CityMaxLength).WithMessage("At most 80 characters.");
        RuleFor(c => c.Uf).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose your state.")
            .Must(u => Uf.TryParse(u, out _)).WithMessage("Choose your state from the list.");
        RuleFor(c => c.PaymentMethod).IsInEnum()
            .Must(m => m != PaymentMethod.Pix || pix.Value.Enabled).WithMessage("Pix is not available right now; please pay by card.");

        // A Pix payer types no card: the card rules apply to card payments only.
        When(c => c.PaymentMethod == PaymentMethod.Card, () =>
        {
            RuleFor(c => c.CardHolder).NotEmpty().WithMessage("Enter the name on the card.").MaximumLength(80).WithMessage("At most 80 characters.");
            RuleFor(c => c.CardNumber)
                .Must(n => CardBrand.PassesLuhn(CardBrand.Normalize(n))).WithMessage("Enter a valid card number.");
            RuleFor(c => c.CardExpiry)
                .Must(e => CardExpiry.TryParse(e, out _, out _)).WithMessage("Enter the expiry date as MM/YY.")
                .Must(e => !CardExpiry.TryParse(e, out var m, out var y) || !CardExpiry.IsExpired(m, y, clock.GetUtcNow()))
                .WithMessage("This card has expired.");
            RuleFor(c => c.Cvv).Matches("^[0-9]{3,4}$").WithMessage("Enter the 3 or 4 digit security code.");
        });
    }
}
