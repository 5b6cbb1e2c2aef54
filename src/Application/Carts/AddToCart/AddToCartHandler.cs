using FakeShop.Application.Common;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Common.Exceptions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Carts.AddToCart;

/// <summary>
/// Adds units to the visitor's cart and returns the new item count for the navigation badge. Two adds from the same
/// visitor at once (a double click, two tabs) can both try to create the cart or the line, or race a checkout that
/// empties the cart; the loser of that race simply reloads and tries again instead of failing.
/// </summary>
public sealed class AddToCartHandler(IShopDbContext db, TimeProvider clock, ShopMetrics metrics) : ICommandHandler<AddToCartCommand, int>
{
    private const int MaxAttempts = 3;

    public async ValueTask<int> Handle(AddToCartCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking()
            .Where(p => p.Id == command.ProductId && p.IsActive)
            .Select(p => new { p.Id, p.Stock, p.Price })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Product not found.");

        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var cart = await db.FindOrCreateAsync(command.VisitorId, now, cancellationToken);
            cart.AddItem(product.Id, command.Quantity, product.Stock, product.Price, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                metrics.AddedToCart(command.Quantity);
                return cart.ItemCount;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && (ex is DbUpdateConcurrencyException || db.IsUniqueViolation(ex)))
            {
                db.DiscardChanges();
            }
        }
    }
}
