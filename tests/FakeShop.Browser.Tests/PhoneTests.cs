using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FakeShop.Browser.Tests;

/// <summary>Issue 13: a phone-first storefront, checked in Chromium at 390 px (and 1366 px for the screenshots).</summary>
public sealed partial class PhoneTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task Shoot(IPage page, string name)
    {
        var folder = ScreenshotFolder();
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static readonly string[] ShopperPages =
        ["/", "/shop", "/shop?category=audio&sort=price-asc", "/shop?q=microfone", "/product/webcam-4k-ultra", "/product/braco-articulado-mic",
         "/cart", "/checkout", "/orders", "/pagina-que-nao-existe", "/Account/Login"];

    [BrowserFact]
    public async Task Every_page_fits_a_phone_without_sideways_scrolling_in_both_languages()
    {
        foreach (var language in new[] { "pt", "en" })
        {
            foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
            {
                var page = await NewPage(width, height, isMobile: width < 500);
                await page.GotoAsync("/product/webcam-4k-ultra");
                await page.ClickAsync("#add-to-cart button[type=submit]");
                await Assertions.Expect(page.Locator("#flash")).ToBeVisibleAsync();
                if (language == "en")
                {
                    await SwitchToEnglish(page);
                }

                var tooWide = new List<string>();
                foreach (var path in ShopperPages)
                {
                    await page.GotoAsync(path);
                    var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                    if (widths[0] > widths[1])
                    {
                        tooWide.Add($"{path}: {widths[0]} > {widths[1]}");
                    }

                    await Shoot(page, $"{language}-{width}-{Slug(path)}");
                }

                Assert.True(tooWide.Count == 0, $"Pages scroll sideways at {width} px ({language}):\n" + string.Join("\n", tooWide));
            }
        }
    }

    [BrowserFact]
    public async Task Phone_journey_from_the_catalogue_to_a_brazilian_checkout()
    {
        var page = await NewPage(390, 844, isMobile: true);
        await page.GotoAsync("/shop");

        // The cart and the search are there without opening the menu.
        await Assertions.Expect(page.Locator("#cart-link")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-search")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#mainNav")).ToBeHiddenAsync();

        // Adding keeps the shopper at the card they used and says what happened, with the next steps.
        var card = page.Locator("article.product-card", new() { HasText = "Microfone Condensador USB" });
        var id = await card.GetAttributeAsync("data-product-id");
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await ExpectUrl(page, $"/shop#p-{id}$");
        var flash = page.Locator("#flash");
        await Assertions.Expect(flash).ToContainTextAsync("Microfone Condensador USB foi adicionado ao carrinho.");
        await Assertions.Expect(flash).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#p-" + id)).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1");
        await Shoot(page, "journey-390-added");

        // Cart: + then −, without typing.
        await page.Locator("#flash-view-cart").ClickAsync();
        await ExpectUrl(page, "/cart$");
        var line = page.Locator("tr.cart-line");
        await line.Locator("button.qty-inc").ClickAsync();
        await Assertions.Expect(page.Locator("tr.cart-line input.qty-input")).ToHaveValueAsync("2");
        await page.Locator("tr.cart-line button.qty-inc").ClickAsync();
        await Assertions.Expect(page.Locator("tr.cart-line input.qty-input")).ToHaveValueAsync("3");
        await page.Locator("tr.cart-line button.qty-dec").ClickAsync();
        await Assertions.Expect(page.Locator("tr.cart-line input.qty-input")).ToHaveValueAsync("2");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("2");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await Shoot(page, "journey-390-cart");

        // Checkout: submitting it empty shows the server's Portuguese messages next to the fields, no browser bubble.
        await page.ClickAsync("#go-checkout");
        await ExpectUrl(page, "/checkout$");
        await page.ClickAsync("#place-order");
        await Assertions.Expect(page.Locator("#Input_Cep-error")).ToHaveTextAsync("Informe o seu CEP.");
        await Assertions.Expect(page.Locator("#Input_Cpf-error")).ToHaveTextAsync("Informe o seu CPF.");
        await Assertions.Expect(page.Locator("#Input_Uf-error")).ToHaveTextAsync("Escolha o seu estado.");
        await Shoot(page, "journey-390-checkout-errors");

        await FillCheckout(page, "4111 1111 1111 1111");
        await page.ClickAsync("#place-order");
        await ExpectUrl(page, "/orders/FS-[0-9A-Z-]+\\?placed=1$");
        await Assertions.Expect(page.Locator("#address")).ToContainTextAsync("Avenida Paulista, 1000 - Apto 42");
        await Assertions.Expect(page.Locator("#address")).ToContainTextAsync("Bela Vista");
        await Assertions.Expect(page.Locator("#address")).ToContainTextAsync("São Paulo - SP");
        await Assertions.Expect(page.Locator("#cpf")).ToHaveTextAsync("***.456.789-**");
        await Shoot(page, "journey-390-confirmation");
    }

    private static string Slug(string path) => path == "/" ? "home" : NonWord().Replace(path.Trim('/'), "-");

    [GeneratedRegex("[^a-zA-Z0-9]+")]
    private static partial Regex NonWord();
}
