using FakeShop.Application.Common.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.DeleteProduct;

/// <summary>
/// Deletes a product nobody ever ordered. Order lines keep only the product id (no foreign key, so history survives
/// catalogue changes), which is why the check lives here: an ordered product must be hidden instead.
/// </summary>
public sealed class DeleteProductHandler(IShopDbContext db) : ICommandHandler<DeleteProductCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(DeleteProductCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, cancellationToken);
        if (product is null)
        {
            return AdminResult.NotFound;
        }

        if (await db.Orders.AnyAsync(o => o.Lines.Any(l => l.ProductId == command.ProductId), cancellationToken))
        {
            return new AdminResult(AdminOutcome.InUse);
        }

        db.Products.Remove(product);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminResult.Conflict;
        }

        return AdminResult.Done();
    }
}
