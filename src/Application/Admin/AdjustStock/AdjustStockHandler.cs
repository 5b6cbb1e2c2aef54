using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.AdjustStock;

public sealed class AdjustStockHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<AdjustStockCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(AdjustStockCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, cancellationToken);
        if (product is null)
        {
            return AdminResult.NotFound;
        }

        try
        {
            product.AdjustStock(command.Delta, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            return new AdminResult(AdminOutcome.Invalid, Detail: ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A checkout or another admin changed the stock between our read and write: let the admin look again.
            return AdminResult.Conflict;
        }

        return AdminResult.Done(product.Stock);
    }
}
