using System.Collections.Concurrent;
using System.Net;
using FakeShop.Testing;

namespace FakeShop.Reliability.Tests;

public sealed class StockRaceFixture : ReliabilityFixture
{
    protected override string DatabaseName => "reliability_race";
}

/// <summary>
/// Issue 7: 200 visitors, each with one unit of the same product in the cart, press "place order" at the same
/// moment while only 10 units are left. Exactly 10 orders may exist afterwards, the stock must end at 0, nobody may
/// see a server error, and the 190 who lost must get the sold-out message with their cart kept.
/// </summary>
public sealed class StockRaceTests(StockRaceFixture app) : IClassFixture<StockRaceFixture>, IAsyncLifetime
{
    private const int Visitors = 200;
    private const int Units = 10;
    private const string Slug = "webcam-4k-ultra";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_hundred_simultaneous_checkouts_for_ten_units_make_exactly_ten_orders()
    {
        // Every visitor has its own cookie jar (visitor cookie + antiforgery cookie) and a filled checkout form.
        var prepared = new ConcurrentBag<PreparedCheckout>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Visitors), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
            prepared.Add(await Shopper.PrepareAsync(app.NewVisitor(followRedirects: false), Slug)));
        Assert.Equal(Visitors, prepared.Count);
        Assert.Equal(Visitors, await app.ScalarAsync<int>("SELECT count(*) FROM cart_lines l JOIN products p ON p.\"Id\" = l.\"ProductId\" WHERE p.\"Slug\" = @s", ("s", Slug)));

        await app.ExecuteAsync($"UPDATE products SET \"Stock\" = {Units} WHERE \"Slug\" = '{Slug}'");

        // All POSTs wait on one gate, then go together.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = prepared.Select(async p =>
        {
            await gate.Task;
            using var response = await p.Client.Http.PostAsync("/checkout", new FormUrlEncodedContent(p.Fields));
            return (p.Client, response.StatusCode, Location: response.Headers.Location?.ToString(), Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(posts);

        var serverErrors = results.Where(r => (int)r.StatusCode >= 500).ToList();
        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} responses were 5xx, e.g. {serverErrors.FirstOrDefault().StatusCode}");

        var placed = results.Where(r => r.StatusCode == HttpStatusCode.Redirect && r.Location!.StartsWith("/orders/", StringComparison.Ordinal)).ToList();
        var soldOut = results.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(Units, placed.Count);
        Assert.Equal(Visitors - Units, soldOut.Count);

        // The database agrees: ten orders, each for a different visitor, and no unit sold twice.
        Assert.Equal(Units, await app.ScalarAsync<int>("SELECT count(*) FROM orders"));
        Assert.Equal(Units, await app.ScalarAsync<int>("SELECT count(DISTINCT \"VisitorId\") FROM orders"));
        Assert.Equal(Units, await app.ScalarAsync<int>("SELECT coalesce(sum(\"Quantity\"), 0) FROM order_lines"));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT \"Stock\" FROM products WHERE \"Slug\" = @s", ("s", Slug)));
        foreach (var winner in placed)
        {
            var number = winner.Location!["/orders/".Length..].Split('?')[0];
            Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM orders WHERE \"Number\" = @n", ("n", number)));
        }

        // The losers see the sold-out message on the checkout page and still have their cart.
        foreach (var loser in soldOut)
        {
            Assert.Contains("id=\"checkout-error\"", loser.Body, StringComparison.Ordinal);
            Assert.Contains("Webcam 4K Ultra", loser.Body, StringComparison.Ordinal);
        }

        Assert.Equal(Visitors - Units, await app.ScalarAsync<int>("SELECT count(*) FROM cart_lines"));
        var someLoser = soldOut[0].Client;
        var cart = await someLoser.GetAsync("/cart");
        Assert.Equal(HttpStatusCode.OK, someLoser.Status);
        Assert.Contains(cart.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/product/{Slug}");
    }
}
