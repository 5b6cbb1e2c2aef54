using FakeShop.Application.Common.Models;
using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Catalog.ListProducts;

/// <summary>
/// One COUNT and one page query (plus the category name when filtering): a constant number of SQL commands whatever
/// the page size, which a test counts.
/// </summary>
public sealed class ListProductsHandler(IShopDbContext db) : IQueryHandler<ListProductsQuery, ProductListVm>
{
    public async ValueTask<ProductListVm> Handle(ListProductsQuery query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking().Visible();
        string? categoryName = null;

        if (!string.IsNullOrWhiteSpace(query.CategorySlug))
        {
            categoryName = await db.Categories.AsNoTracking()
                .Where(c => c.Slug == query.CategorySlug)
                .Select(c => c.Name)
                .FirstOrDefaultAsync(cancellationToken);
            // Runs as SQL lower(...) LIKE: the culture rules these analysers guard against do not apply there.
#pragma warning disable CA1304, CA1311, CA1862
            products = products.Where(p => p.Category!.Slug == query.CategorySlug);
        }

        var term = query.Search?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(term))
        {
            // Runs as SQL lower(...) LIKE: the culture rules these analysers guard against do not apply there.
#pragma warning disable CA1304, CA1311, CA1862
            products = products.Where(p =>
                p.Name.ToLower().Contains(term)
                || p.ShortDescription.ToLower().Contains(term)
                || p.Description.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.Sort == ProductSort.Name)
        {
            return new ProductListVm(await PageByName(products, query, cancellationToken), categoryName);
        }

        var total = await products.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        var items = await Sort(products, query.Sort)
            .Skip((page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(ProductProjections.Card)
            .ToListAsync(cancellationToken);

        return new ProductListVm(new PagedList<ProductCardVm>(items, page, query.PageSize, total), categoryName);
    }

    /// <summary>
    /// Portuguese alphabetical order, which neither provider's collation gives (see <see cref="PortugueseOrder"/>):
    /// the matching products' names are read instead of counted and sorted here, then the page's cards are read by
    /// id — still two SQL commands whatever the page size. A name is small, and the catalogue is not millions.
    /// </summary>
    private async Task<PagedList<ProductCardVm>> PageByName(IQueryable<Product> products, ListProductsQuery query, CancellationToken cancellationToken)
    {
        var keys = await products.Select(p => new { p.Id, p.Name, OnSale = p.Stock > 0 }).ToListAsync(cancellationToken);
        var pageCount = Math.Max(1, (keys.Count + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var ids = keys.OrderBy(k => k.OnSale ? 0 : 1).ThenBy(k => k.Name, PortugueseOrder.Instance).ThenBy(k => k.Id)
            .Skip((page - 1) * query.PageSize).Take(query.PageSize)
            .Select(k => k.Id).ToList();

        // Run even when the page is empty: the number of commands does not depend on the data.
        var cards = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(ProductProjections.Card).ToListAsync(cancellationToken);
        var position = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return new PagedList<ProductCardVm>([.. cards.OrderBy(c => position[c.Id])], page, query.PageSize, keys.Count);
    }

    /// <summary>Whatever the order asked for, products on sale come before sold-out ones.</summary>
    private static IQueryable<Product> Sort(IQueryable<Product> products, ProductSort sort) => SortOnSale(products.OrderBy(p => p.Stock > 0 ? 0 : 1), sort);

    private static IOrderedQueryable<Product> SortOnSale(IOrderedQueryable<Product> products, ProductSort sort) => sort switch
    {
        ProductSort.PriceAsc => products.ThenBy(p => p.Price).ThenBy(p => p.Id),
        ProductSort.PriceDesc => products.ThenByDescending(p => p.Price).ThenBy(p => p.Id),
        ProductSort.Newest => products.ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Sorting by name is done by PageByName."),
    };
}
