using FakeShop.Infrastructure.Persistence;

namespace FakeShop.Application.Tests;

/// <summary>The app under test on one database provider, put back to the seeded catalogue before each test.</summary>
public interface IShopUnderTest
{
    ShopFactory Factory { get; }

    Task ResetAsync();
}

/// <summary>
/// Base for use-case tests: a clean, freshly seeded database per test and helpers that send each message through
/// the app's real Mediator pipeline (validation, logging, tracing) in its own DI scope, like one web request.
/// </summary>
[Collection(AppCollection.Name)]
public abstract class UseCaseTest(AppFixture app) : ShopUseCaseTest(app)
{
    protected AppFixture App { get; } = app;
}

/// <summary><see cref="UseCaseTest"/> on any provider, for scenarios that must hold on PostgreSQL and on SQLite.</summary>
public abstract class ShopUseCaseTest(IShopUnderTest shop) : IAsyncLifetime
{
    public Task InitializeAsync() => shop.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs one message in a new scope (a new DbContext), as a web request would.</summary>
    protected async Task<T> Send<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = shop.Factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    protected Task<T> Db<T>(Func<ShopDbContext, Task<T>> action) => shop.Factory.WithDbAsync(action);

    protected Task<ProductRow> Product(string slug) => Db(db => db.Products.AsNoTracking()
        .Where(p => p.Slug == slug)
        .Select(p => new ProductRow(p.Id, p.Name, p.Price, p.Stock))
        .SingleAsync());

    protected Task SetStock(string slug, int stock) =>
        Db(db => db.Products.Where(p => p.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, stock)));

    protected Task SetPrice(string slug, decimal price) =>
        Db(db => db.Products.Where(p => p.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, Money.Brl(price))));

    protected Task<int> OrderCount() => Db(db => db.Orders.CountAsync());

    protected Task<int> CartItems(Guid visitor) =>
        Db(async db => await db.Carts.Where(c => c.VisitorId == visitor).SelectMany(c => c.Lines).SumAsync(l => (int?)l.Quantity) ?? 0);

    protected static PlaceOrderCommand Checkout(Guid visitor, Guid? token = null, string card = FakePaymentGateway.ApprovedCard, string cvv = "123") => new()
    {
        VisitorId = visitor,
        CheckoutToken = token ?? Guid.NewGuid(),
        FirstName = "Ana",
        LastName = "Souza",
        Email = "ana.souza@example.com",
        Phone = "(11) 91234-5678",
        Cpf = "123.456.789-09",
        Cep = "01310-100",
        Street = "Avenida Paulista",
        Number = "1000",
        Complement = "Apto 42",
        District = "Bela Vista",
        City = "São Paulo",
        Uf = "SP",
        CardHolder = "ANA SOUZA",
        CardNumber = card,
        CardExpiry = "12/" + ((DateTime.UtcNow.Year + 3) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        Cvv = cvv,
    };
}

public sealed record ProductRow(int Id, string Name, Money Price, int Stock);
