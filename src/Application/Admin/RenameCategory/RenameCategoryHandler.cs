using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Catalog;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.RenameCategory;

public sealed class RenameCategoryHandler(IShopDbContext db) : ICommandHandler<RenameCategoryCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(RenameCategoryCommand command, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (category is null)
        {
            return AdminResult.NotFound;
        }

        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Categories.AnyAsync(c => c.Slug == slug && c.Id != command.Id, cancellationToken))
        {
            return new AdminResult(AdminOutcome.SlugTaken);
        }

        category.Rename(command.Name, slug);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            return new AdminResult(AdminOutcome.SlugTaken);
        }

        return AdminResult.Done(category.Id);
    }
}
