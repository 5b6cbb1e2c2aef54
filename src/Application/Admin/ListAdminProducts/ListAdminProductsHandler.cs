using FakeShop.Application.Common.Models;

namespace FakeShop.Application.Admin.ListAdminProducts;

public sealed class ListAdminProductsHandler(IShopDbContext db) : IQueryHandler<ListAdminProductsQuery, PagedList<AdminProductRowVm>>
{
    public async ValueTask<PagedList<AdminProductRowVm>> Handle(ListAdminProductsQuery query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (query.CategoryId is { } categoryId)
        {
            products = products.Where(p => p.CategoryId == categoryId);
        }

        if (query.LowStockOnly)
        {
            products = products.Where(p => p.Stock <= AdminCatalog.LowStockThreshold);
        }

        var term = query.Search?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(term))
        {
            // Translated to SQL lower(...) LIKE, where .NET culture rules do not apply.
#pragma warning disable CA1304, CA1311, CA1862
            products = products.Where(p => p.Name.ToLower().Contains(term) || p.Slug.Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        // Portuguese order (see PortugueseOrder), which neither provider's collation gives: the matching names are
        // read instead of counted and sorted here, then the page's rows are read by id.
        var keys = await products.Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var pages = Math.Max(1, (keys.Count + AdminCatalog.PageSize - 1) / AdminCatalog.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var ids = keys.OrderBy(k => k.Name, PortugueseOrder.Instance).ThenBy(k => k.Id)
            .Skip((page - 1) * AdminCatalog.PageSize).Take(AdminCatalog.PageSize)
            .Select(k => k.Id).ToList();
        var rows = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new AdminProductRowVm(p.Id, p.Name, p.Slug, p.Category!.Name, p.Price, p.Stock, p.IsActive, p.ImageUrl))
            .ToListAsync(cancellationToken);
        var position = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return new PagedList<AdminProductRowVm>([.. rows.OrderBy(r => position[r.Id])], page, AdminCatalog.PageSize, keys.Count);
    }
}
