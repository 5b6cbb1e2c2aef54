namespace FakeShop.Application.Admin.SetProductVisibility;

/// <summary>Hiding keeps the product (and the orders that point to it) but takes it out of the shop.</summary>
public sealed class SetProductVisibilityHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<SetProductVisibilityCommand>
{
    public async ValueTask<Unit> Handle(SetProductVisibilityCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.LoadAsync(p => p.Id == command.ProductId, cancellationToken);
        if (product.IsActive == command.Visible)
        {
            return Unit.Value;
        }

        if (command.Visible)
        {
            product.Show(clock.GetUtcNow());
        }
        else
        {
            product.Hide(clock.GetUtcNow());
        }

        await db.SaveAsync(cancellationToken);
        return Unit.Value;
    }
}
