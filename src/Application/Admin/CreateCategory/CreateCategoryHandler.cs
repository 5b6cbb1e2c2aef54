using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Admin.CreateCategory;

/// <summary>Answers the new category's id.</summary>
public sealed class CreateCategoryHandler(IShopDbContext db) : ICommandHandler<CreateCategoryCommand, int>
{
    public async ValueTask<int> Handle(CreateCategoryCommand command, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Categories.AnyAsync(c => c.Slug == slug, cancellationToken))
        {
            throw AdminRefusals.TakenSlug();
        }

        var category = new Category(command.Name, slug);
        db.Categories.Add(category);
        // Another admin may take the slug between the check and the insert: the unique index says so.
        await db.SaveAsync(cancellationToken, AdminRefusals.TakenSlug);
        return category.Id;
    }
}
