using FakeShop.Domain.Catalog;
using FluentValidation.Results;

namespace FakeShop.Application.Admin.CreateProduct;

/// <summary>Answers the new product's id.</summary>
public sealed class CreateProductHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<CreateProductCommand, int>
{
    public async ValueTask<int> Handle(CreateProductCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == command.CategoryId, cancellationToken))
        {
            throw NoSuchCategory();
        }

        var now = clock.GetUtcNow();
        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Products.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            throw AdminRefusals.TakenSlug();
        }

        var product = new Product(command.Name, slug, command.ShortDescription ?? string.Empty, command.Description ?? string.Empty,
            Money.Brl(command.Price), command.Stock, command.CategoryId, now);
        if (!command.IsActive)
        {
            product.Hide(now);
        }

        db.Products.Add(product);
        // Another admin may take the slug between the check and the insert: the unique index says so.
        await db.SaveAsync(cancellationToken, AdminRefusals.TakenSlug);
        return product.Id;
    }

    /// <summary>A category deleted since the form was shown is a wrong field value like any other.</summary>
    internal static ValidationException NoSuchCategory() =>
        new([new ValidationFailure(nameof(ProductFields.CategoryId), "Choose a category.")]);
}
