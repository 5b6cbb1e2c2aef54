using FakeShop.Application.Admin.AdjustStock;

namespace FakeShop.Application.Tests;

/// <summary>
/// Issue 12: admin stock adjustments racing checkouts of one product, run the same way on each provider. Every
/// writer changes stock relatively, so the books must balance: final = initial + applied adjustments − units sold.
/// </summary>
internal static class StockRace
{
    public sealed record Result(int Initial, int Applied, int AdjustmentsApplied, int AdjustmentsRefused, int Sold, int SoldOut, int FinalStock, int PaidOrders);

    public static async Task<Result> RunAsync(ShopFactory factory, string slug, int initial, int buyers, int adjustments, Func<Guid, PlaceOrderCommand> checkout)
    {
        async Task<T> Send<T>(Func<IMediator, ValueTask<T>> send)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
        }

        var productId = await factory.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        var stockBefore = await factory.WithDbAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
        var visitors = Enumerable.Range(0, buyers).Select(_ => Guid.NewGuid()).ToList();
        foreach (var visitor in visitors)
        {
            await Send(m => m.Send(new AddToCartCommand(visitor, productId, 1)));
        }

        await factory.WithDbAsync(db => db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, initial)));
        var paidBefore = await factory.WithDbAsync(db => db.Orders.CountAsync(o => o.Status == OrderStatus.Paid));

        // +3 and −2 in turn: removals that meet an empty shelf are refused, so only the applied ones may count.
        var deltas = Enumerable.Range(0, adjustments).Select(i => i % 2 == 0 ? 3 : -2).ToArray();
        var checkouts = visitors.Select(v => Task.Run(() => CheckoutAnswer.Of(() => Send(m => m.Send(checkout(v)))))).ToList();
        var adjusting = deltas.Select(d => Task.Run(() => Adjusted(() => Send(m => m.Send(new AdjustStockCommand(productId, d)))))).ToList();
        var placed = await Task.WhenAll(checkouts);
        var adjusted = await Task.WhenAll(adjusting);

        var final = await factory.WithDbAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
        var paid = await factory.WithDbAsync(db => db.Orders.CountAsync(o => o.Status == OrderStatus.Paid)) - paidBefore;

        // The SQLite fixture's database is shared by its tests without a reset: leave the shelf as it was found.
        await factory.WithDbAsync(db => db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, stockBefore)));
        return new Result(
            initial,
            deltas.Where((_, i) => adjusted[i]).Sum(),
            adjusted.Count(a => a),
            adjusted.Count(a => !a),
            placed.Count(r => r.Outcome == PlaceOrderOutcome.Placed),
            placed.Count(r => r.Refusal == CheckoutRefusal.SoldOut),
            final,
            paid);
    }

    /// <summary>Whether an adjustment applied; the shelf's bounds refuse it as a rule (docs/decisions/0017).</summary>
    private static async Task<bool> Adjusted(Func<Task<int>> adjust)
    {
        try
        {
            await adjust();
            return true;
        }
        catch (DomainException ex) when (ex.Code is "stock.negative" or "stock.too_large")
        {
            return false;
        }
    }

    /// <summary>The balance, and that the race really happened: units were sold, some refused, adjustments applied.</summary>
    public static void AssertBalanced(Result r, int buyers, int adjustments)
    {
        Assert.Equal(buyers, r.Sold + r.SoldOut);
        Assert.Equal(adjustments, r.AdjustmentsApplied + r.AdjustmentsRefused);
        Assert.Equal(r.Initial + r.Applied - r.Sold, r.FinalStock);
        Assert.Equal(r.Sold, r.PaidOrders);
        Assert.True(r.FinalStock >= 0, $"stock went negative: {r}");
        Assert.True(r.Sold > 0 && r.SoldOut > 0 && r.AdjustmentsApplied > 0, $"the race did not exercise every path: {r}");
    }
}
