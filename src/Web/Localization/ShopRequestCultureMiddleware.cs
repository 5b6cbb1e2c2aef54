using FakeShop.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Localization;

/// <summary>
/// Picks each request's language exactly as ASP.NET Core's <c>RequestLocalizationMiddleware</c> does with the shop's
/// <see cref="RequestLocalizationOptions"/> (the same providers, asked in the same order, the same parent-culture
/// fallback), but remembers the answer per (language cookie, Accept-Language) pair. The framework's middleware asks
/// every provider and builds a new culture feature on every request; on a cached page that was 4 % of the CPU
/// (docs/performance.md), and the shop only ever hears a handful of distinct pairs. Neither value is personal: the
/// memo holds a language choice, never a page.
/// LanguageChoiceTests (FakeShop.Web.Tests) compares the two middlewares over cookies and headers.
/// </summary>
public sealed class ShopRequestCultureMiddleware(RequestDelegate next, IOptions<RequestLocalizationOptions> options)
{
    // Beyond this many distinct pairs (crafted headers) the memo starts over; every request is still answered right.
    public const int MemoLimit = 1024;

    private readonly RequestLocalizationOptions _options = options.Value;
    private readonly RequestCultureFeature _default = new(options.Value.DefaultRequestCulture, provider: null);
    private readonly BoundedMemo<(string Cookie, string Header), RequestCultureFeature> _chosen = new(MemoLimit);

    public Task InvokeAsync(HttpContext http)
    {
        var cookie = http.Request.Cookies[ShopCultures.CookieName];
        var header = http.Request.Headers.AcceptLanguage;
        if (cookie is null && header.Count == 0)
        {
            Apply(http, _default);
            return next(http);
        }

        return ChooseThenContinueAsync(http, (cookie ?? string.Empty, header.ToString()));
    }

    private async Task ChooseThenContinueAsync(HttpContext http, (string Cookie, string Header) key)
    {
        if (!_chosen.TryGet(key, out var feature))
        {
            feature = await ChooseAsync(http);
            _chosen.Remember(key, feature);
        }

        Apply(http, feature);
        await next(http);
    }

    private static void Apply(HttpContext http, RequestCultureFeature feature)
    {
        http.Features.Set<IRequestCultureFeature>(feature);
        CultureInfo.CurrentCulture = feature.RequestCulture.Culture;
        CultureInfo.CurrentUICulture = feature.RequestCulture.UICulture;
    }

    // The framework's selection: the first provider whose answer names a supported culture or UI culture wins; what
    // it leaves out comes from the default.
    private async Task<RequestCultureFeature> ChooseAsync(HttpContext http)
    {
        foreach (var provider in _options.RequestCultureProviders)
        {
            var answer = await provider.DetermineProviderCultureResult(http);
            if (answer is null)
            {
                continue;
            }

            var culture = Supported(answer.Cultures, _options.SupportedCultures, _options.FallBackToParentCultures);
            var uiCulture = Supported(answer.UICultures, _options.SupportedUICultures, _options.FallBackToParentUICultures);
            if (culture is null && uiCulture is null)
            {
                continue;
            }

            return new RequestCultureFeature(
                new RequestCulture(culture ?? _options.DefaultRequestCulture.Culture, uiCulture ?? _options.DefaultRequestCulture.UICulture),
                provider);
        }

        return _default;
    }

    private static CultureInfo? Supported(IList<Microsoft.Extensions.Primitives.StringSegment> names, IList<CultureInfo>? supported, bool fallBackToParent)
    {
        if (supported is null)
        {
            return null;
        }

        foreach (var name in names)
        {
            var found = Supported(name.ToString(), supported, fallBackToParent, depth: 0);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static CultureInfo? Supported(string name, IList<CultureInfo> supported, bool fallBackToParent, int depth)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var found = supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (found is not null || !fallBackToParent || depth >= 5)
        {
            return found;
        }

        try
        {
            return Supported(CultureInfo.GetCultureInfo(name).Parent.Name, supported, fallBackToParent, depth + 1);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
