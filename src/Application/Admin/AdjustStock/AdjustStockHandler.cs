using FakeShop.Application.Catalog;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Admin.AdjustStock;

/// <summary>
/// Applies the delta in SQL (<see cref="StockStore.TryAdjustAsync"/>), so it composes with checkouts and other
/// adjustments happening meanwhile instead of writing back a stock read a moment ago.
/// </summary>
public sealed class AdjustStockHandler(IShopDbContext db) : ICommandHandler<AdjustStockCommand, int>
{
    public async ValueTask<int> Handle(AdjustStockCommand command, CancellationToken cancellationToken)
    {
        var applied = await StockStore.TryAdjustAsync(db, command.ProductId, command.Delta, cancellationToken);
        var stock = await db.Products.AsNoTracking().Where(p => p.Id == command.ProductId).Select(p => (int?)p.Stock)
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
        if (applied)
        {
            return stock;
        }

        throw stock + command.Delta < 0
            ? new DomainException("stock.negative", "Stock cannot be negative.")
            : new DomainException("stock.too_large", $"Stock cannot exceed {Product.MaxStock}.");
    }
}
