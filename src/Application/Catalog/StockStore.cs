using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Catalog;

/// <summary>
/// Every change to an existing product's stock goes through here, and every one is relative and guarded in SQL
/// (<c>UPDATE products SET Stock = Stock + @delta WHERE Stock + @delta BETWEEN 0 AND max</c>), so no writer ever puts
/// back a number it read earlier: a sale, an adjustment, a cancellation and a released reservation compose in any
/// order. The admin edit form's absolute value is the one exception, and it is conditional on the stock the form
/// showed (<see cref="TrySetAsync"/>). See docs/decisions/0009-order-first-payment.md.
/// </summary>
public static class StockStore
{
    /// <summary>Takes <paramref name="quantity"/> units of an active product; false when fewer are left.</summary>
    public static async Task<bool> TryTakeAsync(IShopDbContext db, int productId, int quantity, CancellationToken ct) =>
        await db.TryTakeStockAsync(productId, quantity, ct) is not null;

    /// <summary>
    /// Adds <paramref name="delta"/> (negative: removes) units; false when the result would leave 0..<see cref="Product.MaxStock"/>
    /// or the product does not exist.
    /// </summary>
    public static async Task<bool> TryAdjustAsync(IShopDbContext db, int productId, int delta, CancellationToken ct) =>
        await db.Products
            .Where(p => p.Id == productId && p.Stock + delta >= 0 && p.Stock + delta <= Product.MaxStock)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + delta), ct) == 1;

    /// <summary>
    /// Puts units back (a cancellation, a released reservation). The upper bound is not enforced here: units that were
    /// sold can always come back, even if an admin raised the stock meanwhile.
    /// </summary>
    public static async Task ReturnAsync(IShopDbContext db, IEnumerable<(int ProductId, int Quantity)> lines, CancellationToken ct)
    {
        // Same order as the checkout's takes, so a release and a checkout of the same products cannot deadlock.
        foreach (var line in lines.GroupBy(l => l.ProductId).Select(g => (ProductId: g.Key, Quantity: g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId))
        {
            await db.Products
                .Where(p => p.Id == line.ProductId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + line.Quantity), ct);
        }
    }

    /// <summary>
    /// Sets the stock to <paramref name="stock"/> only if it is still <paramref name="shown"/>, the value the admin's
    /// form displayed; false when a sale or another writer changed it since.
    /// </summary>
    public static async Task<bool> TrySetAsync(IShopDbContext db, int productId, int shown, int stock, CancellationToken ct) =>
        await db.Products
            .Where(p => p.Id == productId && p.Stock == shown)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, stock), ct) == 1;
}
