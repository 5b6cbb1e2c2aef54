namespace FakeShop.Application.Carts.UpdateCartLine;

public sealed class UpdateCartLineCommandValidator : AbstractValidator<UpdateCartLineCommand>
{
    public UpdateCartLineCommandValidator()
    {
        RuleFor(c => c.VisitorId).NotEmpty();
        RuleFor(c => c.LineId).GreaterThan(0);
        RuleFor(c => c.Quantity).InclusiveBetween(Quantity.Min, Quantity.Max)
            .WithMessage($"Quantity must be between {Quantity.Min} and {Quantity.Max}.");
    }
}
