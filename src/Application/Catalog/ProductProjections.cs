using System.Linq.Expressions;
using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Catalog;

/// <summary>Shared projections, so every listing selects the same columns in one SQL statement.</summary>
internal static class ProductProjections
{
    public static readonly Expression<Func<Product, ProductCardVm>> Card = p => new ProductCardVm(
        p.Id, p.Name, p.Slug, p.ShortDescription, p.Price, p.ImageUrl, p.Stock, p.Category!.Name, p.Category.Slug);

    public static IQueryable<Product> Visible(this IQueryable<Product> products) => products.Where(p => p.IsActive);
}
