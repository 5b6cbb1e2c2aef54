using FakeShop.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FakeShop.Web.Infrastructure;

/// <summary>Razor Pages with the shop's filter, localisation, flash cookie and antiforgery settings, out of ShopHost.</summary>
public static class PagesHostExtensions
{
    public static WebApplicationBuilder AddShopPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<VisitorContext>();
        builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new UseCaseExceptionFilter()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)))
            // No page uses jQuery-style keys ("a[b]"), and their parser throws on a key like "x[" (an unbalanced
            // bracket): any form POST or query string with one answered 500 (found by the fuzz test in
            // FakeShop.Reliability.Tests). Without these two factories such keys are just unknown fields.
            .AddMvcOptions(o =>
            {
                o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
                o.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
            });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.Name = FlashCookie.Name);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fs_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
        return builder;
    }
}
