using FakeShop.Domain.Ordering;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Admin.Tests;

public sealed class DashboardTests(AdminFixture app) : AdminTest(app)
{
    [Fact]
    public async Task Shows_todays_orders_and_revenue_the_chart_low_stock_and_latest_orders()
    {
        var product = await AnyProductAsync(minStock: 10);
        var first = await PlaceOrderAsync(product.Id, 1);
        var second = await PlaceOrderAsync(product.Id, 2);
        var cancelled = await PlaceOrderAsync(product.Id, 1);
        await App.Factory.WithDbAsync(async db =>
        {
            var order = await db.Orders.SingleAsync(o => o.Number == cancelled.Number);
            order.ChangeStatusByStaff(OrderStatus.Cancelled, "test", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        var client = await AdminAsync();
        var page = await client.GetAsync("/Admin");

        Assert.Equal("3", Text(page, "#today-orders"));
        var revenue = first.Total + second.Total; // a cancelled order is no revenue
        Assert.Equal(revenue.Amount, ParseMoney(Text(page, "#today-revenue")));

        var bars = page.QuerySelectorAll("#sales-chart rect.chart-bar");
        Assert.Equal(30, bars.Length);
        Assert.Equal("3", bars[^1].GetAttribute("data-orders"));
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), bars[^1].GetAttribute("data-day"));
        Assert.NotNull(page.QuerySelector("#sales-chart polyline"));
        // Strict CSP: no inline style or script anywhere on the page.
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));

        Assert.Contains("Notebook Creator", Text(page, "#low-stock"));
        var latest = page.QuerySelectorAll("#latest-orders tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ToList();
        Assert.Equal(3, latest.Count);
        Assert.Contains(first.Number, latest);
    }

    [Fact]
    public async Task Empty_shop_renders_a_flat_chart()
    {
        var client = await AdminAsync();
        var page = await client.GetAsync("/Admin");
        Assert.Equal("0", Text(page, "#today-orders"));
        Assert.NotNull(page.QuerySelector("#no-orders"));
        Assert.All(page.QuerySelectorAll("#sales-chart rect.chart-bar"), r => Assert.Equal("0", r.GetAttribute("height")));
    }

    private static decimal ParseMoney(string text) =>
        decimal.Parse(text.Replace("R$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
