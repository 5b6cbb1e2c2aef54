using FakeShop.Application.Admin.CreateProduct;
using FakeShop.Application.Catalog;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Admin.UpdateProduct;

/// <summary>
/// Optimistic concurrency in two steps: a version that differs from the form's means someone saved since the form
/// was opened; an equal one still goes into the UPDATE's WHERE clause, which catches a save racing this one.
/// Stock is not covered by the version (sales and adjustments change it relatively without bumping it): the form's
/// stock is written only when the admin changed it, and only if the stored stock is still the one the form showed,
/// so a form opened before a sale can never put sold units back.
/// </summary>
public sealed class UpdateProductHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<UpdateProductCommand>
{
    public async ValueTask<Unit> Handle(UpdateProductCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.LoadAsync(p => p.Id == command.Id, cancellationToken);
        if (product.Version != command.Version)
        {
            throw new ConflictException();
        }

        if (!await db.Categories.AnyAsync(c => c.Id == command.CategoryId, cancellationToken))
        {
            throw CreateProductHandler.NoSuchCategory();
        }

        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Products.AnyAsync(p => p.Slug == slug && p.Id != command.Id, cancellationToken))
        {
            throw AdminRefusals.TakenSlug();
        }

        var now = clock.GetUtcNow();
        product.UpdateDetails(command.Name, slug, command.ShortDescription ?? string.Empty, command.Description ?? string.Empty, command.CategoryId, now);
        var price = Money.Brl(command.Price);
        if (price != product.Price)
        {
            product.ChangePrice(price, now);
        }

        if (command.IsActive != product.IsActive)
        {
            if (command.IsActive)
            {
                product.Show(now);
            }
            else
            {
                product.Hide(now);
            }
        }

        await db.SaveInTransactionAsync(async ct =>
        {
            if (command.Stock != command.StockShown && !await StockStore.TrySetAsync(db, command.Id, command.StockShown, command.Stock, ct))
            {
                // Leaving the lambda by throwing disposes the transaction uncommitted: nothing of the form is saved.
                throw new ConflictException(ConflictException.StockChanged, "The stock changed since the form showed it; nothing was saved.");
            }

            await db.SaveChangesAsync(ct);
        }, cancellationToken, AdminRefusals.TakenSlug);
        return Unit.Value;
    }
}
