using FakeShop.Domain.Carts;
using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Carts;

/// <summary>
/// Prices a cart from the catalogue as it is now. Used when the cart is shown and again at checkout, so the total a
/// customer pays never comes from a stale copy.
/// </summary>
internal static class CartPricing
{
    public static async Task<CartVm> PriceAsync(IShopDbContext db, Cart cart, ShippingOptions shipping, CancellationToken ct)
    {
        if (cart.IsEmpty)
        {
            return CartVm.Empty;
        }

        var ids = new int[cart.Lines.Count];
        var i = 0;
        foreach (var line in cart.Lines)
        {
            ids[i++] = line.ProductId;
        }

        var (pricedProducts, context) = PricedProducts.For(db);
        var products = new Dictionary<int, PricedProduct>(ids.Length);
        await foreach (var product in pricedProducts(context, ids).WithCancellation(ct))
        {
            products[product.Id] = product;
        }

        var lines = new List<CartLineVm>(cart.Lines.Count);
        foreach (var line in cart.Lines.OrderBy(l => l.Id))
        {
            lines.Add(products.TryGetValue(line.ProductId, out var p)
                ? new CartLineVm(line.Id, p.Id, p.Name, p.Slug, p.ImageUrl, p.Price, line.PriceSeen, line.Quantity, p.Stock, p.IsActive)
                : Withdrawn(line.Id, line.ProductId, line.PriceSeen, line.Quantity));
        }

        return Total(lines, shipping);
    }

    // Checkout prices the cart it is about to order on every POST: compiled once (a collection parameter, so one
    // statement text whatever the number of lines).
    private static readonly CompiledPerModel<Func<DbContext, int[], IAsyncEnumerable<PricedProduct>>> PricedProducts = new(CompilePricedProducts);

    private static Func<DbContext, int[], IAsyncEnumerable<PricedProduct>> CompilePricedProducts() =>
        EF.CompileAsyncQuery((DbContext db, int[] ids) =>
            db.Set<Product>().AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .Select(p => new PricedProduct(p.Id, p.Name, p.Slug, p.ImageUrl, p.Price, p.Stock, p.IsActive)));

    private sealed record PricedProduct(int Id, string Name, string Slug, string? ImageUrl, Money Price, int Stock, bool IsActive);

    /// <summary>
    /// The visitor's cart priced from the catalogue in ONE untracked query (lines joined with their products), for
    /// showing it: the cart and checkout pages run this on every view, and a tracked load of the cart plus a second
    /// query for the products cost two round trips (four statements with the pool's reset) and EF's change tracking
    /// for nothing (issue 16). Empty when there is no cart or no line.
    /// </summary>
    public static async Task<CartVm> ShowAsync(IShopDbContext db, Guid visitorId, ShippingOptions shipping, CancellationToken ct)
    {
        var (shownLines, context) = ShownLines.For(db);
        var rows = new List<ShownLine>(4);
        await foreach (var row in shownLines(context, visitorId).WithCancellation(ct))
        {
            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            return CartVm.Empty;
        }

        var lines = new List<CartLineVm>(rows.Count);
        foreach (var r in rows)
        {
            lines.Add(r.Product is { } p
                ? new CartLineVm(r.Id, r.ProductId, p.Name, p.Slug, p.ImageUrl, p.Price, r.PriceSeen, r.Quantity, p.Stock, p.IsActive)
                : Withdrawn(r.Id, r.ProductId, r.PriceSeen, r.Quantity));
        }

        return Total(lines, shipping);
    }

    // Building this LINQ tree and hashing it for EF's query cache was about a tenth of the machine's CPU under cart-page load.
    private static readonly CompiledPerModel<Func<DbContext, Guid, IAsyncEnumerable<ShownLine>>> ShownLines = new(CompileShownLines);

    private static Func<DbContext, Guid, IAsyncEnumerable<ShownLine>> CompileShownLines() =>
        EF.CompileAsyncQuery((DbContext db, Guid visitorId) =>
            from line in db.Set<Cart>().AsNoTracking().Where(c => c.VisitorId == visitorId).SelectMany(c => c.Lines)
            join product in db.Set<Product>().AsNoTracking() on line.ProductId equals product.Id into found
            from p in found.DefaultIfEmpty()
            orderby line.Id
            select new ShownLine(
                line.Id,
                line.ProductId,
                line.Quantity,
                line.PriceSeen,
                p == null ? null : new ShownProduct(p.Name, p.Slug, p.ImageUrl, p.Price, p.Stock, p.IsActive)));

    private sealed record ShownLine(int Id, int ProductId, int Quantity, Money PriceSeen, ShownProduct? Product);

    private sealed record ShownProduct(string Name, string Slug, string? ImageUrl, Money Price, int Stock, bool IsActive);

    // Deleted from the catalogue: keep the line visible so the customer sees why it cannot be bought.
    private static CartLineVm Withdrawn(int lineId, int productId, Money priceSeen, int quantity) =>
        new(lineId, productId, "—", string.Empty, null, priceSeen, priceSeen, quantity, 0, false);

    private static CartVm Total(List<CartLineVm> lines, ShippingOptions shipping)
    {
        var subtotal = lines.Where(l => l.IsPurchasable).Aggregate(Money.Zero, (sum, l) => sum + l.LineTotal);
        var shippingCost = shipping.For(subtotal);
        return new CartVm(lines, subtotal, shippingCost, subtotal + shippingCost);
    }

    /// <summary>
    /// Records the current catalogue price as "seen" on every repriced line the customer has now been shown, so the
    /// change is pointed out once and checkout can rely on it. Withdrawn products keep their old price seen.
    /// </summary>
    public static void RecordPricesShown(Cart cart, CartVm priced)
    {
        foreach (var line in priced.Lines.Where(l => l.PriceChanged && l.IsActive))
        {
            cart.AcknowledgePrice(line.ProductId, line.UnitPrice);
        }
    }
}
