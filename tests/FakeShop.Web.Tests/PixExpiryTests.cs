using System.Net;
using FakeShop.Domain.Ordering;
using FakeShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Web.Tests;

/// <summary>
/// The real background sweep settles an expired Pix charge. Its own app and database, with the sweep every second:
/// in the shared web fixture a job querying every second would disturb the tests that count SQL commands or watch
/// the page cache.
/// </summary>
public sealed class PixExpiryFixture : ShopAppFixture
{
    protected override string DatabaseName => "fakeshop_pix_expiry_tests";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Payments:Pix:SweepSeconds"] = "1" };
}

// In the web collection, so never at the same time as its tests: this app sweeps every second, and the tests that count
// SQL commands count every command in the process (WebFixture).
[Collection(WebCollection.Name)]
public sealed class PixExpiryTests(PixExpiryFixture app) : IClassFixture<PixExpiryFixture>, IAsyncLifetime
{
    private PixFlow Pix => new(app);

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_unpaid_charge_expires_releases_the_stock_and_a_late_payment_is_refused()
    {
        var before = await Pix.StockAsync("webcam-4k-ultra");
        var (visitor, number, _) = await Pix.CheckoutAsync(quantity: "3");
        Assert.Equal(before - 3, await Pix.StockAsync("webcam-4k-ultra"));

        // The deadline passes (moved, rather than waiting ExpiryMinutes); the background sweep runs every second here.
        await app.Factory.WithDbAsync(db => db.Orders.Where(o => o.Number == number)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.PaymentDueAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        Order order;
        while ((order = await Pix.OrderAsync(number)).Status == OrderStatus.AwaitingPayment && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.PaymentFailed], order.History.OrderBy(h => h.ChangedAt).Select(h => h.Status));
        Assert.Equal("pix-expiry", order.History.OrderBy(h => h.ChangedAt).Last().ChangedBy);
        Assert.Equal(before, await Pix.StockAsync("webcam-4k-ultra"));

        var page = await visitor.GetAsync($"/orders/{number}");
        Assert.Equal("PaymentFailed", page.QuerySelector(".order-status")!.GetAttribute("data-status"));
        Assert.Null(page.QuerySelector("#pix-qr"));

        // The money arrives too late: refused, nothing changes (a real integration would refund it, ADR 14).
        var late = PixFlow.PaidEvent("evt-late", order.Pix!.TxId, order.Total.Amount);
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(late, Pix.Sign(late)), HttpStatusCode.Conflict, "not_awaiting_payment");
        Assert.Equal(OrderStatus.PaymentFailed, (await Pix.OrderAsync(number)).Status);
        Assert.Equal(before, await Pix.StockAsync("webcam-4k-ultra"));
    }
}
