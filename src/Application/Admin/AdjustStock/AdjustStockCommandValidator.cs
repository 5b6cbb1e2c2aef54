namespace FakeShop.Application.Admin.AdjustStock;

public sealed class AdjustStockCommandValidator : AbstractValidator<AdjustStockCommand>
{
    public AdjustStockCommandValidator()
    {
        RuleFor(c => c.ProductId).GreaterThan(0);
        RuleFor(c => c.Delta).NotEqual(0).WithMessage("Enter a number of units other than zero.")
            .InclusiveBetween(-AdminCatalog.MaxAdjustment, AdminCatalog.MaxAdjustment)
            .WithMessage("Adjust by at most 10000 units at a time.");
    }
}
