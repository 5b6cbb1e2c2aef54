namespace FakeShop.Application.Admin.ListAdminCategories;

public sealed class ListAdminCategoriesHandler(IShopDbContext db) : IQueryHandler<ListAdminCategoriesQuery, IReadOnlyList<AdminCategoryVm>>
{
    public async ValueTask<IReadOnlyList<AdminCategoryVm>> Handle(ListAdminCategoriesQuery query, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking()
            .Select(c => new AdminCategoryVm(c.Id, c.Name, c.Slug, db.Products.Count(p => p.CategoryId == c.Id)))
            .ToListAsync(cancellationToken);
        return [.. categories.OrderBy(c => c.Name, PortugueseOrder.Instance)];
    }
}
