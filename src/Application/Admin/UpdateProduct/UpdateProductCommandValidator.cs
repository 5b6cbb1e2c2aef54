namespace FakeShop.Application.Admin.UpdateProduct;

public sealed class UpdateProductCommandValidator : ProductFieldsValidator<UpdateProductCommand>
{
    public UpdateProductCommandValidator()
    {
        RuleFor(c => c.Id).GreaterThan(0);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
    }
}
