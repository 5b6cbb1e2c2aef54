namespace FakeShop.Application.Admin.DeleteProduct;

/// <summary>
/// Deletes a product nobody ever ordered. Order lines keep only the product id (no foreign key, so history survives
/// catalogue changes), which is why the check lives here: an ordered product must be hidden instead.
/// </summary>
public sealed class DeleteProductHandler(IShopDbContext db) : ICommandHandler<DeleteProductCommand>
{
    public async ValueTask<Unit> Handle(DeleteProductCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.LoadAsync(p => p.Id == command.ProductId, cancellationToken);
        if (await db.Orders.AnyAsync(o => o.Lines.Any(l => l.ProductId == command.ProductId), cancellationToken))
        {
            throw new DomainException(AdminRefusals.ProductInUse, "The product appears in orders; hide it instead.");
        }

        db.Products.Remove(product);
        await db.SaveAsync(cancellationToken);
        return Unit.Value;
    }
}
