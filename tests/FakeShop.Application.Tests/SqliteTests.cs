using FakeShop.Application.Carts;
using FakeShop.Application.Carts.ViewCart;
using FakeShop.Application.Catalog.GetHomePage;
using FakeShop.Application.Catalog.ListProducts;
using FakeShop.Application.Orders.ListMyOrders;
using FakeShop.Infrastructure.Persistence;

namespace FakeShop.Application.Tests;

/// <summary>The app on a fresh SQLite file, the embedded default: it must migrate, seed, sort and take orders too.</summary>
public sealed class SqliteFixture : IAsyncLifetime, IShopUnderTest
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fakeshop-sqlite-").FullName;

    public ShopFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new ShopFactory("Sqlite", $"Data Source={Path.Combine(_folder, "shop.db")};Pooling=False");
        _ = Factory.Services; // migrates and seeds the empty file
        return Task.CompletedTask;
    }

    /// <summary>
    /// Empties every table of the model and re-seeds the catalogue, as Respawn and the seeder do on PostgreSQL. (Tests
    /// of a class that does not call it share what earlier tests left.)
    /// </summary>
    public async Task ResetAsync()
    {
        await Factory.WithDbAsync(async db =>
        {
            // One connection for all statements: the pragma holds per connection.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
                         .Where(t => t != nameof(ShopDbContext.DataProtectionKeys))) // as on PostgreSQL: cookies stay readable
            {
                // A name from the model, not input.
                var delete = "DELETE FROM \"" + table + "\"";
                await db.Database.ExecuteSqlRawAsync(delete);
            }

            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
        });
        await Factory.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

// Same collection as the PostgreSQL tests: they must not run at the same time as the SQL command counting test.
[Collection(AppCollection.Name)]
public sealed class SqliteTests(SqliteFixture sqlite, AppFixture postgres) : IClassFixture<SqliteFixture>
{
    private async Task<T> Send<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = sqlite.Factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    [Fact]
    public async Task Listing_sorts_by_price_in_both_directions()
    {
        var ascending = (await Send(m => m.Send(new ListProductsQuery(PageSize: 48, Sort: ProductSort.PriceAsc)))).Products.Items;
        var descending = (await Send(m => m.Send(new ListProductsQuery(PageSize: 48, Sort: ProductSort.PriceDesc)))).Products.Items;

        Assert.Equal(15, ascending.Count);
        // Issue 13: the sold-out arm (R$ 189,00) comes last in both directions; the rest is in price order.
        Assert.Equal(279.90m, ascending[0].Price.Amount);
        Assert.Equal(ascending.Where(p => p.InStock).Select(p => p.Price.Amount).Order(), ascending.Where(p => p.InStock).Select(p => p.Price.Amount));
        Assert.Equal(12999.00m, descending[0].Price.Amount);
        Assert.Equal((189.00m, 189.00m), (ascending[^1].Price.Amount, descending[^1].Price.Amount));
        Assert.Equal(ascending.Where(p => p.InStock).Select(p => p.Id).Reverse(), descending.Where(p => p.InStock).Select(p => p.Id));
    }

    [Fact]
    public async Task Newest_search_and_home_page_work()
    {
        var newest = (await Send(m => m.Send(new ListProductsQuery(PageSize: 2, Sort: ProductSort.Newest)))).Products.Items;
        var search = (await Send(m => m.Send(new ListProductsQuery(Search: "WEBCAM")))).Products;
        var home = await Send(m => m.Send(new GetHomePageQuery()));

        Assert.Equal(["ring-light-18", "placa-captura-4k"], newest.Select(p => p.Slug)); // issue 13: the sold-out arm is last
        Assert.Equal(2, search.TotalCount);
        Assert.Equal(home.Newest.OrderBy(p => p.InStock ? 0 : 1).Select(p => p.Slug), home.Newest.Select(p => p.Slug));
        Assert.Empty(home.Newest.Select(p => p.Slug).Intersect(home.Featured.Select(p => p.Slug)));
        Assert.Equal("headphone-bluetooth-anc", home.Featured[0].Slug);
    }

    // The cart view is a compiled query, and a compiled query refuses a context of another model: the shop keeps one
    // per model. Shown here on both providers in one process, as the tests (and a host with two apps) do.
    [Fact]
    public async Task The_cart_is_shown_on_sqlite_and_on_postgresql_in_the_same_process()
    {
        var visitor = Guid.NewGuid();
        var productId = await WithDb(db => db.Products.Where(p => p.Slug == "action-cam-go").Select(p => p.Id).SingleAsync());
        await Send(m => m.Send(new AddToCartCommand(visitor, productId, 2)));
        var onPostgres = Guid.NewGuid();
        await using (var scope = postgres.Factory.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var webcam = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Products.Where(p => p.Slug == "webcam-4k-ultra").Select(p => p.Id).SingleAsync();
            await mediator.Send(new AddToCartCommand(onPostgres, webcam, 1));
        }

        var shown = await Send(m => m.Send(new ViewCartCommand(visitor)));
        CartVm shownOnPostgres;
        await using (var scope = postgres.Factory.Services.CreateAsyncScope())
        {
            shownOnPostgres = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ViewCartCommand(onPostgres));
        }

        Assert.Equal([("Câmera de Ação Go", 2, 1299.00m)], shown.Lines.Select(l => (l.Name, l.Quantity, l.UnitPrice.Amount)));
        Assert.Equal(2 * 1299.00m + 10m, shown.Total.Amount);
        Assert.Equal(["Webcam 4K Ultra"], shownOnPostgres.Lines.Select(l => l.Name));
    }

    [Fact]
    public async Task An_order_can_be_placed()
    {
        var visitor = Guid.NewGuid();
        var productId = await WithDb(db => db.Products.Where(p => p.Slug == "action-cam-go").Select(p => p.Id).SingleAsync());
        var stockBefore = await WithDb(db => db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
        await Send(m => m.Send(new AddToCartCommand(visitor, productId, 2)));

        var command = new PlaceOrderCommand
        {
            VisitorId = visitor, CheckoutToken = Guid.NewGuid(), FirstName = "Bia", LastName = "Lima", Email = "bia@example.com",
            Phone = "(21) 99876-5432", Cpf = "52998224725", Cep = "20000000", Street = "Rua A", Number = "1", District = "Centro",
            City = "Rio de Janeiro", Uf = "RJ", CardHolder = "BIA LIMA", CardNumber = "4111111111111111", CardExpiry = "12/" + ((DateTime.UtcNow.Year + 2) % 100), Cvv = "321",
        };
        var result = await Send(m => m.Send(command));
        var again = await Send(m => m.Send(command));

        Assert.Equal(PlaceOrderOutcome.Placed, result.Outcome);
        Assert.Equal((PlaceOrderOutcome.AlreadyPlaced, result.OrderNumber), (again.Outcome, again.OrderNumber));
        Assert.Equal(stockBefore - 2, await WithDb(db => db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync()));
        var orders = await Send(m => m.Send(new ListMyOrdersQuery(visitor)));
        Assert.Equal([(result.OrderNumber!, 2, 2 * 1299.00m + 10m)], orders.Select(o => (o.Number, o.ItemCount, o.Total.Amount)));
    }

    [Fact]
    public async Task Twenty_adjustments_racing_fifty_checkouts_lose_and_invent_no_units()
    {
        var result = await StockRace.RunAsync(sqlite.Factory, "action-cam-go", initial: 20, buyers: 50, adjustments: 20, visitor => new PlaceOrderCommand
        {
            VisitorId = visitor, CheckoutToken = Guid.NewGuid(), FirstName = "Bia", LastName = "Lima", Email = "bia@example.com",
            Phone = "(21) 99876-5432", Cpf = "52998224725", Cep = "20000000", Street = "Rua A", Number = "1", District = "Centro",
            City = "Rio de Janeiro", Uf = "RJ", CardHolder = "BIA LIMA", CardNumber = "4111111111111111", CardExpiry = "12/" + ((DateTime.UtcNow.Year + 2) % 100), Cvv = "321",
        });

        StockRace.AssertBalanced(result, buyers: 50, adjustments: 20);
    }

    private Task<T> WithDb<T>(Func<ShopDbContext, Task<T>> action) => sqlite.Factory.WithDbAsync(action);
}
