namespace FakeShop.Application.Admin.ChangeOrderStatus;

public sealed class ChangeOrderStatusCommandValidator : AbstractValidator<ChangeOrderStatusCommand>
{
    public ChangeOrderStatusCommandValidator()
    {
        RuleFor(c => c.Number).NotEmpty().MaximumLength(12);
        RuleFor(c => c.Target).IsInEnum();
        RuleFor(c => c.ChangedBy).NotEmpty().MaximumLength(256);
    }
}
