using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Common;
using Microsoft.EntityFrameworkCore;

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

        var ids = cart.Lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Slug, p.ImageUrl, p.Price, p.Stock, p.IsActive })
            .ToDictionaryAsync(p => p.Id, ct);

        var lines = new List<CartLineVm>(cart.Lines.Count);
        foreach (var line in cart.Lines.OrderBy(l => l.Id))
        {
            if (products.TryGetValue(line.ProductId, out var p))
            {
                lines.Add(new CartLineVm(line.Id, p.Id, p.Name, p.Slug, p.ImageUrl, p.Price, line.PriceSeen, line.Quantity, p.Stock, p.IsActive));
            }
            else
            {
                // Deleted from the catalogue: keep the line visible so the customer sees why it cannot be bought.
                lines.Add(new CartLineVm(line.Id, line.ProductId, "—", string.Empty, null, line.PriceSeen, line.PriceSeen, line.Quantity, 0, false));
            }
        }

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
