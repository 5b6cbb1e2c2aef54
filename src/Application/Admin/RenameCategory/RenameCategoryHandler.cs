using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Admin.RenameCategory;

public sealed class RenameCategoryHandler(IShopDbContext db) : ICommandHandler<RenameCategoryCommand>
{
    public async ValueTask<Unit> Handle(RenameCategoryCommand command, CancellationToken cancellationToken)
    {
        var category = await db.Categories.LoadAsync(c => c.Id == command.Id, cancellationToken);
        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Categories.AnyAsync(c => c.Slug == slug && c.Id != command.Id, cancellationToken))
        {
            throw AdminRefusals.TakenSlug();
        }

        category.Rename(command.Name, slug);
        await db.SaveAsync(cancellationToken, AdminRefusals.TakenSlug);
        return Unit.Value;
    }
}
