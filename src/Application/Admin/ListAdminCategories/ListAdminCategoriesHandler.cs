using FakeShop.Application.Common.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.ListAdminCategories;

public sealed class ListAdminCategoriesHandler(IShopDbContext db) : IQueryHandler<ListAdminCategoriesQuery, IReadOnlyList<AdminCategoryVm>>
{
    public async ValueTask<IReadOnlyList<AdminCategoryVm>> Handle(ListAdminCategoriesQuery query, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new AdminCategoryVm(c.Id, c.Name, c.Slug, db.Products.Count(p => p.CategoryId == c.Id)))
            .ToListAsync(cancellationToken);
}
