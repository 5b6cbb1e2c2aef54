using System.Globalization;
using FakeShop.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Tests;

/// <summary>Issue 16: the shared strings are cached per language, and the cache never mixes the languages up.</summary>
public sealed class LocalizerCacheTests(WebFixture app) : WebTest(app)
{
    [Fact]
    public void Each_language_gets_its_own_text_from_the_cached_localizer_and_arguments_are_formatted_per_call()
    {
        var l = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        Assert.IsType<CachedSharedLocalizer>(l);
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            var texts = new List<string>();
            foreach (var language in new[] { "pt-BR", "en", "pt-BR", "en" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
                texts.Add(l["Your cart"].Value);
                texts.Add(l["Only {0} in stock", 3].Value);
                texts.Add(l["Only {0} in stock", 7].Value);
            }

            string[] pt = ["Seu carrinho", "Apenas 3 em estoque", "Apenas 7 em estoque"];
            string[] en = ["Your cart", "Only 3 in stock", "Only 7 in stock"];
            Assert.Equal([.. pt, .. en, .. pt, .. en], texts);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("pt-BR");
            var unknown = l["No such text " + Guid.NewGuid()];
            Assert.True(unknown.ResourceNotFound);
            Assert.StartsWith("No such text ", unknown.Value, StringComparison.Ordinal);
            Assert.True(l["Your cart"] is { ResourceNotFound: false, Value: "Seu carrinho" });
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
