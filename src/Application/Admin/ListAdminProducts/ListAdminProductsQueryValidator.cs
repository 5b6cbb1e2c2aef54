namespace FakeShop.Application.Admin.ListAdminProducts;

public sealed class ListAdminProductsQueryValidator : AbstractValidator<ListAdminProductsQuery>
{
    public ListAdminProductsQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        RuleFor(q => q.Search).MaximumLength(AdminCatalog.MaxSearchLength);
    }
}
