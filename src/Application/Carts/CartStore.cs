using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Carts;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Carts;

internal static class CartStore
{
    /// <summary>The visitor's cart with its lines, or null. Always looked up by owner: there is no "cart by id".</summary>
    public static Task<Cart?> FindAsync(this IShopDbContext db, Guid visitorId, CancellationToken ct) =>
        db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.VisitorId == visitorId, ct);

    public static async Task<Cart> FindOrCreateAsync(this IShopDbContext db, Guid visitorId, DateTimeOffset now, CancellationToken ct)
    {
        var cart = await db.FindAsync(visitorId, ct);
        if (cart is null)
        {
            cart = new Cart(visitorId, now);
            db.Carts.Add(cart);
        }

        return cart;
    }
}
