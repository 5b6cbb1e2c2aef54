using Microsoft.AspNetCore.Localization;

namespace FakeShop.Web.Localization;

/// <summary>The shop's two languages (pt-BR by default, English) and how a request picks one, out of ShopHost.</summary>
public static class LocalizationHostExtensions
{
    public static WebApplicationBuilder AddShopLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = ShopHtmlEncoder.Settings);
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, CachedSharedLocalizer>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(ShopCultures.Portuguese)
             .AddSupportedCultures(ShopCultures.Supported)
             .AddSupportedUICultures(ShopCultures.Supported);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = ShopCultures.CookieName }, new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }
}
