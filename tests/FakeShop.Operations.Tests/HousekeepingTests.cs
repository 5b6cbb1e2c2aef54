using FakeShop.Domain.Carts;
using FakeShop.Domain.Common;
using FakeShop.Infrastructure.Housekeeping;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Operations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Operations.Tests;

/// <summary>Issue 14: abandoned carts and unused images are purged on PostgreSQL, and each run shows in /metrics.</summary>
public sealed class HousekeepingTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Purge_removes_abandoned_carts_with_their_lines_and_old_unused_images_and_keeps_the_rest()
    {
        await using var factory = new ShopFactory("Postgres", await pg.Server.CreateDatabaseAsync("ops_housekeeping"),
            settings: new Dictionary<string, string?> { ["Housekeeping:Enabled"] = "false" });
        var now = DateTimeOffset.UtcNow;
        var oldCartVisitor = Guid.NewGuid();
        var recentCartVisitor = Guid.NewGuid();
        var (usedImage, oldOrphan, newOrphan) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        await factory.WithDbAsync(async db =>
        {
            var product = await db.Products.OrderBy(p => p.Id).FirstAsync(p => p.Stock > 2);
            foreach (var (visitor, touched) in new[] { (oldCartVisitor, now.AddDays(-31)), (recentCartVisitor, now.AddDays(-29)) })
            {
                var cart = new Cart(visitor, touched);
                cart.AddItem(product.Id, 1, product.Stock, product.Price, touched);
                db.Carts.Add(cart);
            }

            product.SetImage("/images/" + usedImage.ToString("N"), now);
            foreach (var (id, created) in new[] { (usedImage, now.AddDays(-10)), (oldOrphan, now.AddHours(-25)), (newOrphan, now.AddHours(-23)) })
            {
                db.ProductImages.Add(new ProductImage { Id = id, ContentType = "image/png", Data = [1, 2, 3], CreatedAt = created });
            }

            await db.SaveChangesAsync();
        });

        PurgeResult result;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<Housekeeper>().PurgeAsync(now.AddDays(-30), now.AddHours(-24), CancellationToken.None);
        }

        Assert.Equal(new PurgeResult(Carts: 1, Images: 1), result);
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal([recentCartVisitor], await db.Carts.Select(c => c.VisitorId).ToListAsync());
            Assert.Equal(1, await db.Carts.SelectMany(c => c.Lines).CountAsync()); // the old cart's line went with it
            Assert.Equal(new[] { newOrphan, usedImage }.Order(), (await db.ProductImages.Select(i => i.Id).ToListAsync()).Order());
        });
    }

    [Fact]
    public async Task The_background_job_runs_on_its_interval_and_its_runs_show_in_the_metrics()
    {
        await using var factory = new ShopFactory("Postgres", await pg.Server.CreateDatabaseAsync("ops_housekeeping_job"),
            settings: new Dictionary<string, string?> { ["Housekeeping:IntervalMinutes"] = "0.005" }); // 0.3 s
        using var http = factory.CreateClient();

        Prometheus? scrape = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            scrape = await Prometheus.ScrapeAsync(http);
            if (scrape.Has("fakeshop_housekeeping_runs_total", "outcome=\"ok\"") && scrape.Text.Contains("fakeshop_housekeeping_duration_seconds_count", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(300);
        }

        Assert.True(scrape!.Has("fakeshop_housekeeping_runs_total", "outcome=\"ok\""), scrape.Text);
        Assert.True(scrape.Has("fakeshop_housekeeping_purged_total", "kind=\"cart\""), scrape.Text);
        Assert.Contains("fakeshop_housekeeping_duration_seconds_count", scrape.Text, StringComparison.Ordinal);
    }
}
