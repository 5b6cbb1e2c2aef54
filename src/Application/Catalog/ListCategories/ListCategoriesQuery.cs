namespace FakeShop.Application.Catalog.ListCategories;

public sealed record ListCategoriesQuery : IQuery<IReadOnlyList<CategoryVm>>;

public sealed record CategoryVm(int Id, string Name, string Slug, int ProductCount);
