using FakeShop.Application.Common.Exceptions;

namespace FakeShop.Application.Admin.GetProductForEdit;

public sealed class GetProductForEditHandler(IShopDbContext db) : IQueryHandler<GetProductForEditQuery, ProductEditVm>
{
    public async ValueTask<ProductEditVm> Handle(GetProductForEditQuery query, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException();
        var isOrdered = await db.Orders.AnyAsync(o => o.Lines.Any(l => l.ProductId == query.Id), cancellationToken);
        return new ProductEditVm(product.Id, product.Name, product.Slug, product.ShortDescription, product.Description,
            product.Price, product.Stock, product.CategoryId, product.IsActive, product.ImageUrl, product.Version, isOrdered);
    }
}
