namespace FakeShop.Application.Catalog.GetHomePage;

public sealed record HomePageVm(IReadOnlyList<ProductCardVm> Featured, IReadOnlyList<ProductCardVm> Newest);
