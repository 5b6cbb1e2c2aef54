using FakeShop.Application.Catalog;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Catalog;
using FakeShop.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.UpdateProduct;

/// <summary>
/// Optimistic concurrency in two steps: a version that differs from the form's means someone saved since the form
/// was opened; an equal one still goes into the UPDATE's WHERE clause, which catches a save racing this one.
/// Stock is not covered by the version (sales and adjustments change it relatively without bumping it): the form's
/// stock is written only when the admin changed it, and only if the stored stock is still the one the form showed,
/// so a form opened before a sale can never put sold units back.
/// </summary>
public sealed class UpdateProductHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<UpdateProductCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(UpdateProductCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken);
        if (product is null)
        {
            return AdminResult.NotFound;
        }

        if (product.Version != command.Version)
        {
            return AdminResult.Conflict;
        }

        if (!await db.Categories.AnyAsync(c => c.Id == command.CategoryId, cancellationToken))
        {
            return new AdminResult(AdminOutcome.Invalid, Detail: "Choose a category.");
        }

        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Products.AnyAsync(p => p.Slug == slug && p.Id != command.Id, cancellationToken))
        {
            return new AdminResult(AdminOutcome.SlugTaken);
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

        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var stockChanged = await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (command.Stock != command.StockShown && !await StockStore.TrySetAsync(db, command.Id, command.StockShown, command.Stock, ct))
                {
                    return true;
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return false;
            }, cancellationToken);
            if (stockChanged)
            {
                return new AdminResult(AdminOutcome.StockChanged);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminResult.Conflict;
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            return new AdminResult(AdminOutcome.SlugTaken);
        }

        return AdminResult.Done(product.Id);
    }
}
