using FakeShop.Application.Common.Abstractions;
using FakeShop.Infrastructure.Database;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FakeShop.Web.Caching;

/// <summary>The page cache (docs/decisions/0007): ASP.NET Core output caching with the shop's own policy.</summary>
public static class PageCacheExtensions
{
    public static WebApplicationBuilder AddShopPageCache(this WebApplicationBuilder builder, DatabaseSettings database)
    {
        builder.Services.AddShopOptions<PageCacheSettings>(builder.Configuration, PageCacheSettings.SectionName)
            .Validate(o => o.LifetimeSeconds is >= 1 and <= 3600, "PageCache:LifetimeSeconds must be between 1 and 3600.")
            .Validate(o => o.SizeLimitMegabytes is >= 1 and <= 1024, "PageCache:SizeLimitMegabytes must be between 1 and 1024.");
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PageCacheSettings>>().Value);
        // On PostgreSQL, pages are trusted only once the change notifications are being listened to; a SQLite
        // database belongs to this one process, whose own changes are signalled by CatalogChangeBehaviour.
        var trustedAtStart = database.Provider != DatabaseProvider.Postgres;
        builder.Services.AddSingleton(sp => new CatalogGeneration(
            sp.GetRequiredService<IOutputCacheStore>(), sp.GetRequiredService<ILogger<CatalogGeneration>>(), trustedAtStart));
        builder.Services.AddSingleton<ICatalogChangeObserver>(sp => sp.GetRequiredService<CatalogGeneration>());
        builder.Services.AddSingleton<PageCacheMetrics>();
        builder.Services.AddSingleton<CartCountCookie>();
        builder.Services.AddSingleton<CategoryMenuCache>();
        builder.Services.AddSingleton<PageCachePolicy>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PreparedPages>();
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<PageCacheSettings>>((o, options) =>
        {
            var settings = options.Value;
            o.SizeLimit = settings.SizeLimitMegabytes * 1024L * 1024L;
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(settings.LifetimeSeconds);
            // Without excludeDefaultPolicy the builder puts ASP.NET Core's default policy first, which turns caching
            // on for every GET without an Authorization header — the cart and order pages of whoever asked first
            // would be served to the next visitor. Ours decides alone, for the catalogue pages only.
            o.AddBasePolicy(b => b.AddPolicy<PageCachePolicy>(), excludeDefaultPolicy: true);
        });
        return builder;
    }
}
