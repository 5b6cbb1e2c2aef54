using FakeShop.Application.Common.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.SetProductVisibility;

/// <summary>Hiding keeps the product (and the orders that point to it) but takes it out of the shop.</summary>
public sealed class SetProductVisibilityHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<SetProductVisibilityCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(SetProductVisibilityCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, cancellationToken);
        if (product is null)
        {
            return AdminResult.NotFound;
        }

        if (product.IsActive == command.Visible)
        {
            return AdminResult.Done(product.Id);
        }

        if (command.Visible)
        {
            product.Show(clock.GetUtcNow());
        }
        else
        {
            product.Hide(clock.GetUtcNow());
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminResult.Conflict;
        }

        return AdminResult.Done(product.Id);
    }
}
