namespace FakeShop.Application.Catalog.ListProducts;

public sealed class ListProductsQueryValidator : AbstractValidator<ListProductsQuery>
{
    public ListProductsQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, ListProductsQuery.MaxPage);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListProductsQuery.MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(ListProductsQuery.MaxSearchLength);
        RuleFor(q => q.CategorySlug).MaximumLength(FakeShop.Domain.Catalog.Slug.MaxLength);
        RuleFor(q => q.Sort).IsInEnum();
    }
}
