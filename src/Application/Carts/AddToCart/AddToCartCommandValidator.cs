namespace FakeShop.Application.Carts.AddToCart;

public sealed class AddToCartCommandValidator : AbstractValidator<AddToCartCommand>
{
    public AddToCartCommandValidator()
    {
        RuleFor(c => c.VisitorId).NotEmpty();
        RuleFor(c => c.ProductId).GreaterThan(0).WithMessage("Unknown product.");
        RuleFor(c => c.Quantity).InclusiveBetween(Quantity.Min, Quantity.Max)
            .WithMessage($"Quantity must be between {Quantity.Min} and {Quantity.Max}.");
    }
}
