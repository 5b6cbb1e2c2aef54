using FakeShop.Application.Common.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

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

        var related = await db.Products.AsNoTracking().Visible()
            .Where(p => p.CategoryId == product.CategoryId && p.Id != product.Id)
            .OrderByDescending(p => p.Stock > 0).ThenBy(p => p.Name)
            .Take(query.RelatedCount)
            .Select(ProductProjections.Card)
            .ToListAsync(cancellationToken);

        return new ProductDetailsVm(
            product.Id, product.Name, product.Slug, product.ShortDescription, product.Description, product.Price,
            product.ImageUrl, product.Stock, product.CategoryName, product.CategorySlug, related);
    }
}
