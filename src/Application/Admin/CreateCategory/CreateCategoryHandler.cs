using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Catalog;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.CreateCategory;

public sealed class CreateCategoryHandler(IShopDbContext db) : ICommandHandler<CreateCategoryCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(CreateCategoryCommand command, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Categories.AnyAsync(c => c.Slug == slug, cancellationToken))
        {
            return new AdminResult(AdminOutcome.SlugTaken);
        }

        var category = new Category(command.Name, slug);
        db.Categories.Add(category);
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
