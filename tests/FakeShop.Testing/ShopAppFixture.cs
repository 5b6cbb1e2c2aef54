using Xunit;

namespace FakeShop.Testing;

/// <summary>
/// One PostgreSQL server and one app per test collection. Call <see cref="ResetAsync"/> at the start of each test:
/// it empties the database and re-seeds the catalogue, so tests never see each other's data.
/// </summary>
public abstract class ShopAppFixture : IAsyncLifetime
{
    private DatabaseReset? _reset;

    protected abstract string DatabaseName { get; }

    /// <summary>Extra configuration for the app under test.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual bool UseKestrel => false;

    public PostgresServer Server { get; private set; } = null!;

    public ShopFactory Factory { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartAsync();
        ConnectionString = await Server.CreateDatabaseAsync(DatabaseName);
        Factory = new ShopFactory("Postgres", ConnectionString, UseKestrel, Settings);
        _ = Factory.Services; // boots the app: migrations and seed run here
        _reset = new DatabaseReset(ConnectionString);
    }

    public async Task ResetAsync()
    {
        await _reset!.ResetAsync();
        await Factory.SeedAsync();
    }

    /// <summary>A new browser-like client with its own cookie jar (a new visitor).</summary>
    public HtmlClient NewVisitor(bool followRedirects = true) =>
        new(Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
            BaseAddress = new Uri("http://localhost"),
        }));

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}
