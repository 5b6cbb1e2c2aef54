namespace FakeShop.Application.Catalog.GetHomePage;

public sealed record GetHomePageQuery(int FeaturedCount = 4, int NewestCount = 8) : IQuery<HomePageVm>;
