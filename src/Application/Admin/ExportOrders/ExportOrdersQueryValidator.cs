namespace FakeShop.Application.Admin.ExportOrders;

public sealed class ExportOrdersQueryValidator : AbstractValidator<ExportOrdersQuery>
{
    public ExportOrdersQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(254);
        RuleFor(q => q.Status).IsInEnum();
    }
}
