namespace FakeShop.Application.Catalog.GetProductDetails;

public sealed class GetProductDetailsHandler(IShopDbContext db) : IQueryHandler<GetProductDetailsQuery, ProductDetailsVm?>
{
    public async ValueTask<ProductDetailsVm?> Handle(GetProductDetailsQuery query, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Visible()
            .Where(p => p.Slug == query.Slug)
            .Select(p => new
            {
                p.Id, p.Name, p.Slug, p.ShortDescription, p.Description, p.Price, p.ImageUrl, p.Stock, p.CategoryId,
                CategoryName = p.Category!.Name,
                CategorySlug = p.Category.Slug,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return null;
        }

        // Sorted here, in Portuguese order (see PortugueseOrder): one category's cards are few.
        var sameCategory = await db.Products.AsNoTracking().Visible()
            .Where(p => p.CategoryId == product.CategoryId && p.Id != product.Id)
            .Select(ProductProjections.Card)
            .ToListAsync(cancellationToken);
        var related = sameCategory.OrderBy(p => p.InStock ? 0 : 1).ThenBy(p => p.Name, PortugueseOrder.Instance).ThenBy(p => p.Id)
            .Take(query.RelatedCount)
            .ToList();

        return new ProductDetailsVm(
            product.Id, product.Name, product.Slug, product.ShortDescription, product.Description, product.Price,
            product.ImageUrl, product.Stock, product.CategoryName, product.CategorySlug, related);
    }
}
