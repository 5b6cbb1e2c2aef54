using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Carts;

namespace FakeShop.Application.Carts;

internal static class CartStore
{
    /// <summary>The visitor's cart with its lines, or null. Always looked up by owner: there is no "cart by id".</summary>
    public static Task<Cart?> FindAsync(this IShopDbContext db, Guid visitorId, CancellationToken ct)
    {
        var (find, context) = ByVisitor.For(db);
        return find(context, visitorId, ct);
    }

    // Every checkout POST and cart change loads the cart: compiled once rather than a LINQ tree built and hashed per call.
    private static readonly CompiledPerModel<Func<DbContext, Guid, CancellationToken, Task<Cart?>>> ByVisitor = new(CompileByVisitor);

    private static Func<DbContext, Guid, CancellationToken, Task<Cart?>> CompileByVisitor() =>
        EF.CompileAsyncQuery((DbContext db, Guid visitorId, CancellationToken ct) =>
            db.Set<Cart>().Include(c => c.Lines).FirstOrDefault(c => c.VisitorId == visitorId));

    /// <summary>
    /// The visitor's cart and one of its lines. A missing cart, or a line id that is not in this cart (someone else's,
    /// or none at all), is the same "not found", so line ids cannot be probed.
    /// </summary>
    public static async Task<(Cart Cart, CartLine Line)> FindLineAsync(this IShopDbContext db, Guid visitorId, int lineId, CancellationToken ct)
    {
        var cart = await db.FindAsync(visitorId, ct) ?? throw new NotFoundException("Cart not found.");
        var line = cart.Lines.FirstOrDefault(l => l.Id == lineId) ?? throw new NotFoundException("Cart line not found.");
        return (cart, line);
    }

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
