namespace FakeShop.Application.Catalog.ListCategories;

public sealed class ListCategoriesHandler(IShopDbContext db) : IQueryHandler<ListCategoriesQuery, IReadOnlyList<CategoryVm>>
{
    public async ValueTask<IReadOnlyList<CategoryVm>> Handle(ListCategoriesQuery query, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking()
            .Select(c => new CategoryVm(c.Id, c.Name, c.Slug, db.Products.Count(p => p.CategoryId == c.Id && p.IsActive)))
            .ToListAsync(cancellationToken);
        return [.. categories.OrderBy(c => c.Name, PortugueseOrder.Instance)];
    }
}
