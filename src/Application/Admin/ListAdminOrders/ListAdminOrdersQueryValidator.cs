namespace FakeShop.Application.Admin.ListAdminOrders;

public sealed class ListAdminOrdersQueryValidator : AbstractValidator<ListAdminOrdersQuery>
{
    public ListAdminOrdersQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        RuleFor(q => q.Search).MaximumLength(254);
        RuleFor(q => q.Status).IsInEnum();
    }
}
