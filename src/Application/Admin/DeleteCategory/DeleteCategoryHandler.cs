namespace FakeShop.Application.Admin.DeleteCategory;

/// <summary>Only empty categories go; the products' foreign key is Restrict, so the database agrees.</summary>
public sealed class DeleteCategoryHandler(IShopDbContext db) : ICommandHandler<DeleteCategoryCommand>
{
    public async ValueTask<Unit> Handle(DeleteCategoryCommand command, CancellationToken cancellationToken)
    {
        var category = await db.Categories.LoadAsync(c => c.Id == command.Id, cancellationToken);
        if (await db.Products.AnyAsync(p => p.CategoryId == command.Id, cancellationToken))
        {
            throw InUse();
        }

        db.Categories.Remove(category);
        try
        {
            await db.SaveAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A product was added to it between the check and the delete: the foreign key refused.
            throw InUse();
        }

        return Unit.Value;
    }

    private static DomainException InUse() => new(AdminRefusals.CategoryInUse, "The category still has products.");
}
