using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Catalog.GetHomePage;

public sealed class GetHomePageHandler(IShopDbContext db) : IQueryHandler<GetHomePageQuery, HomePageVm>
{
    public async ValueTask<HomePageVm> Handle(GetHomePageQuery query, CancellationToken cancellationToken)
    {
        // "Featured" = the best-stocked items in stock: a stand-in for a merchandising flag the admin does not have yet.
        // Ranked by the stock level the pages show (ADR 25), not the exact count: a sale that keeps a product above
        // the shown range must not reorder the home page, or every order would have to empty every page cache.
        var featured = await db.Products.AsNoTracking().Visible()
            .Where(p => p.Stock > 0)
            .OrderByDescending(p => p.Stock > ShownStock.ExactUpTo ? ShownStock.ExactUpTo + 1 : p.Stock).ThenBy(p => p.Id)
            .Take(query.FeaturedCount)
            .Select(ProductProjections.Card)
            .ToListAsync(cancellationToken);

        // A product already featured is not shown twice on the page; a sold-out one comes after those on sale.
        var featuredIds = featured.Select(p => p.Id).ToList();
        var newest = await db.Products.AsNoTracking().Visible()
            .Where(p => !featuredIds.Contains(p.Id))
            .OrderBy(p => p.Stock > 0 ? 0 : 1).ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Take(query.NewestCount)
            .Select(ProductProjections.Card)
            .ToListAsync(cancellationToken);

        return new HomePageVm(featured, newest);
    }
}
