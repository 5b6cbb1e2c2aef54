using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FakeShop.Web.Infrastructure;

/// <summary>Razor Pages with the shop's filter, localisation, flash cookie and antiforgery settings, out of ShopHost.</summary>
public static class PagesHostExtensions
{
    public static WebApplicationBuilder AddShopPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<VisitorContext>();
        builder.Services.AddSingleton<FakeShop.Web.Layout.LayoutParts>();
        builder.Services.AddSingleton<VisitorCookieSeal>();
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
        builder.Services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>(UseShopBindingMessages);
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.Name = FlashCookie.Name);
        builder.Services.AddSingleton<FakeShop.Web.Cart.AddedFlashCookie>();
        builder.Services.AddSingleton<FormTokens>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fs_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
        return builder;
    }

    /// <summary>
    /// The framework's own messages for a value it cannot bind ("The value 'abc' is not valid for Stock.") are English
    /// and name the property; a field typed wrongly gets a sentence in the page's language instead, shown under that
    /// field like every other message. The localizer reads the request's culture when the message is made.
    /// </summary>
    private static void UseShopBindingMessages(MvcOptions options, IStringLocalizer<SharedResource> l)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => l["Enter a valid value for this field."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l["Enter a valid value for this field."]);
        messages.SetUnknownValueIsInvalidAccessor(_ => l["Enter a valid value for this field."]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Enter a valid value for this field."]);
        messages.SetValueIsInvalidAccessor(_ => l["Enter a valid value for this field."]);
        messages.SetValueMustBeANumberAccessor(_ => l["Enter a number."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Enter a number."]);
        messages.SetMissingBindRequiredValueAccessor(_ => l["This field is required."]);
        messages.SetMissingKeyOrValueAccessor(() => l["This field is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["This field is required."]);
        messages.SetValueMustNotBeNullAccessor(_ => l["This field is required."]);
    }
}
