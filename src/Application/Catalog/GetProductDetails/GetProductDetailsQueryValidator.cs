namespace FakeShop.Application.Catalog.GetProductDetails;

public sealed class GetProductDetailsQueryValidator : AbstractValidator<GetProductDetailsQuery>
{
    public GetProductDetailsQueryValidator()
    {
        RuleFor(q => q.Slug).NotEmpty().MaximumLength(FakeShop.Domain.Catalog.Slug.MaxLength);
        RuleFor(q => q.RelatedCount).InclusiveBetween(0, 12);
    }
}
