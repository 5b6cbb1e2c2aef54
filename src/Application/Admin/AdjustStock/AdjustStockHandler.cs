using FakeShop.Application.Catalog;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Catalog;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.AdjustStock;

/// <summary>
/// Applies the delta in SQL (<see cref="StockStore.TryAdjustAsync"/>), so it composes with checkouts and other
/// adjustments happening meanwhile instead of writing back a stock read a moment ago.
/// </summary>
public sealed class AdjustStockHandler(IShopDbContext db) : ICommandHandler<AdjustStockCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(AdjustStockCommand command, CancellationToken cancellationToken)
    {
        if (await StockStore.TryAdjustAsync(db, command.ProductId, command.Delta, cancellationToken))
        {
            return AdminResult.Done(await CurrentStockAsync(command.ProductId, cancellationToken));
        }

        if (await CurrentStockAsync(command.ProductId, cancellationToken) is not { } stock)
        {
            return AdminResult.NotFound;
        }

        return new AdminResult(AdminOutcome.Invalid, Detail: stock + command.Delta < 0
            ? "Stock cannot be negative."
            : $"Stock cannot exceed {Product.MaxStock}.");
    }

    private Task<int?> CurrentStockAsync(int productId, CancellationToken ct) =>
        db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => (int?)p.Stock).FirstOrDefaultAsync(ct);
}
