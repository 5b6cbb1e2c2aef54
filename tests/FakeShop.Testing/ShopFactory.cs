using System.Net;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Infrastructure.Database;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Web.Caching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using FakeShop.Web.Health;

namespace FakeShop.Testing;

/// <summary>
/// The real web app on a given database. With <c>kestrel: true</c> it listens on a real loopback port, for the
/// browser tests; otherwise it runs in memory.
/// </summary>
public sealed class ShopFactory(string provider, string connectionString, bool kestrel = false, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public string Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Shop", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        // The in-memory client plays a trusted proxy: tests choose the client address with X-Forwarded-For. (The
        // untrusted case needs real sockets: FakeShop.Operations.Tests.TrustedProxyTests.)
        builder.UseSetting("ForwardedHeaders:KnownProxies", "127.0.0.1");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        // Every app under test counts its SQL commands, so SqlCommandCounter works whatever the test.
        builder.ConfigureTestServices(SqlCommandCounter.CountIn);

        if (kestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>
    /// The app seeds and checks its first admin beside the host start (ADR 24) and holds requests until then; tests
    /// that go to the database directly (or reset and re-seed it) start once that work is done, as before.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (!host.Services.GetRequiredService<StartupGate>().Opened.Wait(TimeSpan.FromSeconds(120)))
        {
            throw new TimeoutException("The app's start-up work (seed, admin check) did not finish within 120 s");
        }

        return host;
    }

    public Uri KestrelAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>Re-seeds the catalogue after a reset (Respawn also deletes seed rows).</summary>
    public async Task SeedAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedAsync(db, CancellationToken.None);
        }

        CatalogChanged();
    }

    public async Task<T> WithDbAsync<T>(Func<ShopDbContext, Task<T>> action)
    {
        T result;
        await using (var scope = Services.CreateAsyncScope())
        {
            result = await action(scope.ServiceProvider.GetRequiredService<ShopDbContext>());
        }

        CatalogChanged();
        return result;
    }

    public async Task WithDbAsync(Func<ShopDbContext, Task> action)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await action(scope.ServiceProvider.GetRequiredService<ShopDbContext>());
        }

        CatalogChanged();
    }

    /// <summary>
    /// Waits until the page cache is in use — on PostgreSQL, once the catalogue change listener is connected (app
    /// start-up) — and until the notifications of the latest reset and seed have arrived (they move the generation a
    /// few milliseconds later, and would race a test's "the second request is a hit"). False if that takes over 10 s.
    /// </summary>
    public async Task<bool> PageCacheInUseAsync()
    {
        var generation = Services.GetRequiredService<CatalogGeneration>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!generation.IsTrusted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        if (!generation.IsTrusted)
        {
            return false;
        }

        long seen;
        do
        {
            seen = generation.Current;
            await Task.Delay(150);
        }
        while (generation.Current != seen && DateTime.UtcNow < deadline.AddSeconds(10));
        return true;
    }

    /// <summary>
    /// A test that writes to the database behind the use cases' back tells the app at once, as a committed use case
    /// does, rather than racing PostgreSQL's change notification (PageCacheTests test that path on its own).
    /// </summary>
    public void CatalogChanged()
    {
        foreach (var observer in Services.GetServices<ICatalogChangeObserver>())
        {
            observer.CatalogChanged();
        }
    }
}
