using System.Net;

namespace FakeShop.Web.Tests;

/// <summary>Both languages: Portuguese by default, English by the switcher or by the browser's Accept-Language.</summary>
public sealed class LanguageTests(WebFixture app) : WebTest(app)
{
    [Fact]
    public async Task Portuguese_is_the_default_with_brazilian_prices()
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/product/webcam-4k-ultra");

        Assert.Equal("pt-BR", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal($"R${Nbsp}899,90", Text(page, "#product-price"));
        Assert.Equal("Adicionar ao carrinho", Text(page, "#add-to-cart button"));

        var dearest = await visitor.GetAsync("/product/notebook-creator-16");
        Assert.Equal($"R${Nbsp}12.999,00", Text(dearest, "#product-price"));
    }

    [Fact]
    public async Task Accented_letters_are_written_as_utf8_not_as_character_references()
    {
        var visitor = NewVisitor();
        await visitor.GetAsync("/shop?q=" + Uri.EscapeDataString("Câmera <b>&"));
        var html = await BodyAsync(visitor);

        Assert.Contains("Catálogo", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Câmera &lt;b&gt;&amp;\"", html, StringComparison.Ordinal); // the search box echo: letters as is, markup escaped
        Assert.DoesNotContain("&#xE1;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xE2;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>&", html, StringComparison.Ordinal);
        Assert.Equal($"R${Nbsp}899,90", Text(await visitor.GetAsync("/product/webcam-4k-ultra"), "#product-price"));
    }

    [Fact]
    public async Task The_switcher_changes_to_english_and_back_on_the_same_page()
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/product/notebook-creator-16");

        var english = await visitor.SubmitAsync(page, "form.language-switch", new Dictionary<string, string> { ["culture"] = "en" });

        Assert.Equal("/product/notebook-creator-16", PathOf(visitor));
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("R$12,999.00", Text(english, "#product-price"));
        Assert.Equal("Add to cart", Text(english, "#add-to-cart button"));

        // The choice sticks for the next pages ...
        var webcam = await visitor.GetAsync("/product/webcam-4k-ultra");
        Assert.Equal("R$899.90", Text(webcam, "#product-price"));

        // ... until switched back.
        var portuguese = await visitor.SubmitAsync(webcam, "form.language-switch", new Dictionary<string, string> { ["culture"] = "pt-BR" });
        Assert.Equal($"R${Nbsp}899,90", Text(portuguese, "#product-price"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US,en;q=0.9")]
    [InlineData("en-GB")]
    public async Task Accept_language_english_gets_english(string acceptLanguage)
    {
        var visitor = NewVisitor();
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await visitor.GetAsync("/product/webcam-4k-ultra");

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("R$899.90", Text(page, "#product-price"));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("pt-PT")]
    [InlineData("xx;q=abc")]
    public async Task Other_languages_get_portuguese(string acceptLanguage)
    {
        var visitor = NewVisitor();
        visitor.Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var page = await visitor.GetAsync("/product/webcam-4k-ultra");

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal($"R${Nbsp}899,90", Text(page, "#product-price"));
    }

    [Fact]
    public async Task Cart_totals_follow_the_language()
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "notebook-creator-16", "1");

        var pt = await visitor.GetAsync("/cart");
        Assert.Equal($"R${Nbsp}13.009,00", Text(pt, "#total"));

        var en = await visitor.SubmitAsync(pt, "form.language-switch", new Dictionary<string, string> { ["culture"] = "en" });
        Assert.Equal("/cart", PathOf(visitor));
        Assert.Equal("R$13,009.00", Text(en, "#total"));
        Assert.Equal("R$10.00", Text(en, "#shipping"));
    }

    [Fact]
    public async Task The_search_summary_is_translated()
    {
        var visitor = NewVisitor();
        var pt = await visitor.GetAsync("/shop?q=webcam");
        Assert.Equal("2 produtos · busca: “webcam”", Text(pt, "#result-count"));

        var en = await visitor.SubmitAsync(pt, "form.language-switch", new Dictionary<string, string> { ["culture"] = "en" });
        Assert.Equal("2 products · search term: “webcam”", Text(en, "#result-count"));
    }
}
