namespace FakeShop.Application.Payments.ConfirmPixPayment;

public sealed class ConfirmPixPaymentCommandValidator : AbstractValidator<ConfirmPixPaymentCommand>
{
    public ConfirmPixPaymentCommandValidator()
    {
        RuleFor(c => c.EventId).NotEmpty().MaximumLength(PixPayment.EventIdMaxLength);
        RuleFor(c => c.TxId).NotEmpty().MaximumLength(PixPayment.TxIdMaxLength).Must(t => t.All(char.IsAsciiLetterOrDigit));
        RuleFor(c => c.Amount).GreaterThan(0).LessThanOrEqualTo(Domain.Common.Money.MaxAmount);
    }
}
