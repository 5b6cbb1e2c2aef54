using System.Globalization;
using FakeShop.Web.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Tests;

/// <summary>
/// Issue 16: the shop picks a request's language with its own middleware (it remembers the answer per cookie and
/// Accept-Language pair). It must choose exactly what ASP.NET Core's RequestLocalizationMiddleware chooses with the
/// shop's options, including the awkward cases: unsupported or malformed cultures, parent fallback, q-values,
/// the provider order, and requests after the memo is full.
/// </summary>
public sealed class LanguageChoiceTests(WebFixture app) : WebTest(app)
{
    private static readonly string?[] Cookies =
    [
        null, "", "c=en|uic=en", "c=pt-BR|uic=pt-BR", "c=en-US|uic=en-US", "c=EN|uic=en", "uic=en", "c=en", "c=fr|uic=fr",
        "c=pt-BR|uic=en", "c=en|uic=pt-BR", "c=pt-PT|uic=pt-PT", "garbage", "c=|uic=", "c=xx-notreal|uic=xx-notreal",
    ];

    private static readonly string?[] Headers =
    [
        null, "", "en", "en-US,en;q=0.9", "pt-BR,pt;q=0.9,en;q=0.8", "pt-PT,en;q=0.9", "pt", "fr-FR, en;q=0.8",
        "de;q=0.5, en;q=0.9", "*", "zz-notreal-xx", "en;q=0", ";;;", "es,fr,de,en", "es,fr,en,de", "EN-gb", "en-US;q=abc",
    ];

    [Fact]
    public async Task The_shop_chooses_the_same_language_as_the_framework_for_every_cookie_and_header()
    {
        var (framework, reference, shop, ours) = BothMiddlewares();

        var compared = 0;
        foreach (var cookie in Cookies)
        {
            foreach (var header in Headers)
            {
                // Twice: the second answer comes from the memo.
                for (var round = 0; round < 2; round++)
                {
                    await reference.Invoke(Request(cookie, header));
                    await ours.InvokeAsync(Request(cookie, header));
                    Assert.True(framework.Seen == shop.Seen, $"cookie {cookie ?? "(none)"}, Accept-Language {header ?? "(none)"}, round {round}: framework {framework.Seen}, shop {shop.Seen}");
                    compared++;
                }
            }
        }

        Assert.Equal(Cookies.Length * Headers.Length * 2, compared);
        // The matrix really reaches both languages and more than one provider (the comparison is not between defaults).
        Assert.Contains(framework.AllSeen, s => s.StartsWith("en/en/Cookie", StringComparison.Ordinal));
        Assert.Contains(framework.AllSeen, s => s.StartsWith("en/en/AcceptLanguage", StringComparison.Ordinal));
        Assert.Contains(framework.AllSeen, s => s.StartsWith("pt-BR/pt-BR/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_beyond_the_memo_limit_are_still_answered_like_the_framework()
    {
        var (framework, reference, shop, ours) = BothMiddlewares();

        for (var i = 0; i < ShopRequestCultureMiddleware.MemoLimit + 50; i++)
        {
            // Crafted, all distinct; every third one asks for English.
            var header = i % 3 == 0 ? $"x{i}-notreal, en;q=0.{i % 9 + 1}" : $"y{i}-notreal";
            await reference.Invoke(Request(null, header));
            await ours.InvokeAsync(Request(null, header));
            Assert.True(framework.Seen == shop.Seen, $"Accept-Language {header}: framework {framework.Seen}, shop {shop.Seen}");
        }

        Assert.Contains(shop.AllSeen, s => s.StartsWith("en/en/", StringComparison.Ordinal));
    }

    /// <summary>The framework's middleware and the shop's, each with the app's own options and a recorder behind it.</summary>
    private (Recorder Framework, RequestLocalizationMiddleware Reference, Recorder Shop, ShopRequestCultureMiddleware Ours) BothMiddlewares()
    {
        var options = App.Factory.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>();
        var framework = new Recorder();
        var shop = new Recorder();
        return (framework, new RequestLocalizationMiddleware(framework.Next, options, NullLoggerFactory.Instance), shop, new ShopRequestCultureMiddleware(shop.Next, options));
    }

    private static DefaultHttpContext Request(string? cookie, string? acceptLanguage)
    {
        var http = new DefaultHttpContext();
        if (cookie is not null)
        {
            http.Request.Headers.Cookie = $"{ShopCultures.CookieName}={Uri.EscapeDataString(cookie)}";
        }

        if (acceptLanguage is not null)
        {
            http.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        return http;
    }

    private sealed class Recorder
    {
        public string Seen { get; private set; } = string.Empty;

        public List<string> AllSeen { get; } = [];

        public Task Next(HttpContext http)
        {
            var feature = http.Features.Get<IRequestCultureFeature>();
            var provider = feature?.Provider?.GetType().Name.Replace("RequestCultureProvider", "", StringComparison.Ordinal).Replace("HeaderRequestCultureProvider", "", StringComparison.Ordinal) ?? "default";
            Seen = $"{CultureInfo.CurrentCulture.Name}/{CultureInfo.CurrentUICulture.Name}/{provider}/{feature?.RequestCulture.Culture.Name}/{feature?.RequestCulture.UICulture.Name}";
            AllSeen.Add(Seen);
            return Task.CompletedTask;
        }
    }
}
