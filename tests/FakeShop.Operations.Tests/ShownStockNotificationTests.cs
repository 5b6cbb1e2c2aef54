using System.Net;
using FakeShop.Domain.Catalog;
using FakeShop.Operations.Tests.Support;
using FakeShop.Web.Caching;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FakeShop.Operations.Tests;

/// <summary>
/// docs/decisions/0025: a stock change empties the page caches only when it changes what the public pages show (the
/// count up to <see cref="ShownStock.ExactUpTo"/>, "more than" above it, sold out). Two instances on one database: an
/// order that keeps the shown level leaves both caches as they were; one that changes it reaches both — the instance
/// that took the order at once, the other through PostgreSQL's notification.
/// </summary>
public sealed class ShownStockNotificationTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const string Slug = Shopper.Product;
    private const string ProductPage = "/product/" + Slug;
    private static readonly Uri Site = new("http://localhost");

    [Fact]
    public async Task An_order_that_keeps_the_shown_stock_leaves_every_replicas_cache_and_one_that_changes_it_reaches_every_replica()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_shown_stock");
        await using var a = new ShopFactory("Postgres", cs);
        await using var b = new ShopFactory("Postgres", cs);
        Assert.True(await a.PageCacheInUseAsync());
        Assert.True(await b.PageCacheInUseAsync());
        var (genA, genB) = (Generation(a), Generation(b));
        var onA = new HtmlClient(a.CreateDefaultClient(Site));
        var onB = new HtmlClient(b.CreateDefaultClient(Site));

        // Plenty of stock: the page says "more than 99".
        await SetStockAsync(cs, 150, genA, genB);
        var shown = await CachedStockTextAsync(onA);
        Assert.Equal(shown, await CachedStockTextAsync(onB));
        Assert.Contains("99", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("150", shown, StringComparison.Ordinal);

        var (beforeA, beforeB) = (genA.Current, genB.Current);
        await OrderOneOnAsync(a);
        Assert.Equal(149, await StockAsync(cs));

        // Both still answer from their caches, and neither heard of a change: a notification sent after the order
        // is the only one that arrives (PostgreSQL delivers them in commit order).
        Assert.Equal(shown, await StockTextAsync(onA));
        Assert.True(onA.LastResponse!.Headers.Contains("Age"), "the instance that took the order kept its cached page");
        Assert.Equal(shown, await StockTextAsync(onB));
        Assert.True(onB.LastResponse!.Headers.Contains("Age"), "the other instance kept its cached page");
        await ExecuteAsync(cs, "SELECT pg_notify('fakeshop_catalog', 'sentinel')");
        await UntilMovedAsync(genA, beforeA);
        await UntilMovedAsync(genB, beforeB);
        Assert.Equal(beforeA + 1, genA.Current);
        Assert.Equal(beforeB + 1, genB.Current);

        // At the edge of the shown range: the next order changes the page ("more than 99" → "99 units").
        await SetStockAsync(cs, ShownStock.ExactUpTo + 1, genA, genB);
        Assert.Equal(shown, await CachedStockTextAsync(onA));
        Assert.Equal(shown, await CachedStockTextAsync(onB));
        beforeB = genB.Current;
        await OrderOneOnAsync(a);

        // The instance that took the order shows it on the very next view; the other as soon as PostgreSQL's
        // notification has arrived, on its next view.
        var expected = $"{ShownStock.ExactUpTo}";
        var onAfterA = await StockTextAsync(onA);
        Assert.False(onA.LastResponse!.Headers.Contains("Age"));
        Assert.Contains(expected, onAfterA, StringComparison.Ordinal);
        Assert.NotEqual(shown, onAfterA);
        await UntilMovedAsync(genB, beforeB);
        Assert.Equal(onAfterA, await StockTextAsync(onB));
        Assert.False(onB.LastResponse!.Headers.Contains("Age"));

        // Selling the last unit shows "sold out" everywhere, catalogue cards included.
        const string search = "/shop?q=webcam";
        await SetStockAsync(cs, 1, genA, genB);
        await CachedStockTextAsync(onB);
        await onB.GetAsync(search);
        await onB.GetAsync(search);
        Assert.True(onB.LastResponse!.Headers.Contains("Age"));
        beforeB = genB.Current;
        await OrderOneOnAsync(a);
        await UntilMovedAsync(genB, beforeB);
        Assert.NotEqual(onAfterA, await StockTextAsync(onB));
        Assert.Equal(0, await StockAsync(cs));
        var card = (await onB.GetAsync(search)).QuerySelectorAll("article.product-card").Single(c => c.QuerySelector($"a[href='{ProductPage}']") is not null);
        Assert.NotNull(card.QuerySelector(".sold-out"));
    }

    [Fact]
    public async Task The_trigger_notifies_for_what_the_pages_show_and_only_for_that()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_shown_stock_trigger");
        await using (var migrate = new ShopFactory("Postgres", cs))
        {
            Assert.True(await migrate.PageCacheInUseAsync());
        }

        var top = ShownStock.ExactUpTo;
        (string Sql, bool Notifies)[] cases =
        [
            ($"UPDATE products SET \"Stock\" = {top + 50} WHERE \"Slug\" = '{Slug}'", true),   // 25 → above the range
            ($"UPDATE products SET \"Stock\" = \"Stock\" - 1 WHERE \"Slug\" = '{Slug}'", false), // still above
            ($"UPDATE products SET \"Stock\" = {top + 1} WHERE \"Slug\" = '{Slug}'", false),      // still above
            ($"UPDATE products SET \"Stock\" = {top} WHERE \"Slug\" = '{Slug}'", true),           // now counted
            ($"UPDATE products SET \"Stock\" = {top - 1} WHERE \"Slug\" = '{Slug}'", true),       // another count
            ($"UPDATE products SET \"Stock\" = 0 WHERE \"Slug\" = '{Slug}'", true),               // sold out
            ($"UPDATE products SET \"Stock\" = {top + 7}, \"Price\" = \"Price\" + 1 WHERE \"Slug\" = '{Slug}'", true),
            ($"UPDATE products SET \"Stock\" = {top + 9}, \"Name\" = 'Renamed' WHERE \"Slug\" = '{Slug}'", true), // name, same level
            ($"UPDATE products SET \"IsActive\" = false WHERE \"Slug\" = '{Slug}'", true),
            ($"UPDATE products SET \"Stock\" = \"Stock\" + 1", true),                              // every product, some counted
            ($"UPDATE products SET \"Stock\" = {top + 20}", true),
            ($"UPDATE products SET \"Stock\" = \"Stock\" + 5", false),                             // all stay above
        ];

        await using var listener = new NpgsqlConnection(cs);
        await listener.OpenAsync();
        var heard = new List<string>();
        listener.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new NpgsqlCommand("LISTEN fakeshop_catalog", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        foreach (var (sql, notifies) in cases)
        {
            heard.Clear();
            await ExecuteAsync(cs, sql);
            await ExecuteAsync(cs, "SELECT pg_notify('fakeshop_catalog', 'sentinel')");
            while (!heard.Contains("sentinel"))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await listener.WaitAsync(timeout.Token);
            }

            Assert.True(notifies == heard.Contains("products"), $"{sql}: expected {(notifies ? "a" : "no")} notification, heard [{string.Join(", ", heard)}]");
        }
    }

    private static CatalogGeneration Generation(ShopFactory app) => app.Services.GetRequiredService<CatalogGeneration>();

    private static async Task OrderOneOnAsync(ShopFactory app)
    {
        var shopper = new HtmlClient(app.CreateDefaultClient(Site, new RedirectHandler(), new CookieContainerHandler(new CookieContainer())));
        await Shopper.AddToCartAsync(shopper);
        await Shopper.CheckoutAsync(shopper);
        Assert.True(Shopper.IsOrderPage(shopper), "the order was placed");
    }

    /// <summary>Sets the stock by hand (it notifies) and waits until both instances have heard of it.</summary>
    private static async Task SetStockAsync(string cs, int stock, CatalogGeneration genA, CatalogGeneration genB)
    {
        var (beforeA, beforeB) = (genA.Current, genB.Current);
        await ExecuteAsync(cs, $"UPDATE products SET \"Stock\" = {stock} WHERE \"Slug\" = '{Slug}'; SELECT pg_notify('fakeshop_catalog', 'set')");
        await UntilMovedAsync(genA, beforeA);
        await UntilMovedAsync(genB, beforeB);
    }

    private static async Task UntilMovedAsync(CatalogGeneration generation, long before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (generation.Current == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(generation.Current != before, "no catalogue change arrived within 5 s");
    }

    /// <summary>The product page's stock line, asked until the answer comes from the cache.</summary>
    private static async Task<string> CachedStockTextAsync(HtmlClient visitor)
    {
        await StockTextAsync(visitor);
        var text = await StockTextAsync(visitor);
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"), "the second view comes from the cache");
        return text;
    }

    private static async Task<string> StockTextAsync(HtmlClient visitor)
    {
        var page = await visitor.GetAsync(ProductPage);
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        return page.QuerySelector("#stock")!.TextContent.Trim();
    }

    private static async Task<int> StockAsync(string cs)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT \"Stock\" FROM products WHERE \"Slug\" = '{Slug}'", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
