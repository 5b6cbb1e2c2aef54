using FakeShop.Application.Common.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.DeleteCategory;

/// <summary>Only empty categories go; the products' foreign key is Restrict, so the database agrees.</summary>
public sealed class DeleteCategoryHandler(IShopDbContext db) : ICommandHandler<DeleteCategoryCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(DeleteCategoryCommand command, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (category is null)
        {
            return AdminResult.NotFound;
        }

        if (await db.Products.AnyAsync(p => p.CategoryId == command.Id, cancellationToken))
        {
            return new AdminResult(AdminOutcome.InUse);
        }

        db.Categories.Remove(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A product was added to it between the check and the delete: the foreign key refused.
            return new AdminResult(AdminOutcome.InUse);
        }

        return AdminResult.Done();
    }
}
