namespace FakeShop.Web.Caching;

public static class PageCacheExtensions
{
    public static WebApplicationBuilder AddShopPageCache(this WebApplicationBuilder builder)
    {
        var settings = new PageCacheSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<CatalogGeneration>();
        builder.Services.AddSingleton<PageCachePolicy>();
        builder.Services.AddOutputCache(o =>
        {
            o.SizeLimit = settings.SizeLimitBytes;
            o.AddBasePolicy(b => b.AddPolicy<PageCachePolicy>());
        });
        return builder;
    }
}
