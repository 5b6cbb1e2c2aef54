using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Catalog;
using FakeShop.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.CreateProduct;

public sealed class CreateProductHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<CreateProductCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(CreateProductCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == command.CategoryId, cancellationToken))
        {
            return new AdminResult(AdminOutcome.Invalid, Detail: "Choose a category.");
        }

        var now = clock.GetUtcNow();
        var slug = string.IsNullOrWhiteSpace(command.Slug) ? Slug.From(command.Name) : command.Slug.Trim();
        if (await db.Products.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            return new AdminResult(AdminOutcome.SlugTaken);
        }

        var product = new Product(command.Name, slug, command.ShortDescription ?? string.Empty, command.Description ?? string.Empty,
            Money.Brl(command.Price), command.Stock, command.CategoryId, now);
        if (!command.IsActive)
        {
            product.Hide(now);
        }

        db.Products.Add(product);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // Another admin took the slug between the check and the insert.
            return new AdminResult(AdminOutcome.SlugTaken);
        }

        return AdminResult.Done(product.Id);
    }
}
