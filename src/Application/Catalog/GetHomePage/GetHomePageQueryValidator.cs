namespace FakeShop.Application.Catalog.GetHomePage;

public sealed class GetHomePageQueryValidator : AbstractValidator<GetHomePageQuery>
{
    public GetHomePageQueryValidator()
    {
        RuleFor(q => q.FeaturedCount).InclusiveBetween(1, 24);
        RuleFor(q => q.NewestCount).InclusiveBetween(1, 24);
    }
}
