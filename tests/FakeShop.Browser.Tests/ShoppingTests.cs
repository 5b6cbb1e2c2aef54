using Microsoft.Playwright;

namespace FakeShop.Browser.Tests;

/// <summary>What a person does in a real browser: find a product, buy it, and see a declined card handled.</summary>
public sealed class ShoppingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public async Task Home_to_category_to_search_to_product()
    {
        var page = await NewPage();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#featured .product-card")).ToHaveCountAsync(4);

        await page.ClickAsync("#categoryMenu");
        await page.Locator(".dropdown-menu").GetByRole(AriaRole.Link, new() { Name = "Áudio" }).ClickAsync();
        await ExpectUrl(page, @"/shop\?category=audio$");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Áudio");
        await Assertions.Expect(page.Locator("#products .product-card")).ToHaveCountAsync(4);

        await page.FillAsync("#nav-search", "webcam");
        await page.PressAsync("#nav-search", "Enter");
        await ExpectUrl(page, @"/shop\?q=webcam$");
        await Assertions.Expect(page.Locator("#products .product-card")).ToHaveCountAsync(2);

        await page.Locator("#products a.product-name", new() { HasText = "Webcam 4K Ultra" }).ClickAsync();
        await ExpectUrl(page, "/product/webcam-4k-ultra$");
        await Assertions.Expect(page.Locator("#product-name")).ToHaveTextAsync("Webcam 4K Ultra");
        await Assertions.Expect(page.Locator("#product-price")).ToHaveTextAsync("R$\u00A0899,90");
        await Screenshot(page, "a-product-page");
    }

    [BrowserFact]
    public async Task Browse_add_two_products_change_a_quantity_and_pay()
    {
        var page = await NewPage();
        await page.GotoAsync("/shop?category=streaming");
        await page.Locator("article.product-card", new() { HasText = "Ring Light" }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1");

        await page.GotoAsync("/product/webcam-4k-ultra");
        await page.FillAsync("#quantity", "1");
        await page.ClickAsync("#add-to-cart button[type=submit]");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("2");

        await page.ClickAsync("#cart-link");
        await ExpectUrl(page, "/cart$");
        var webcamRow = page.Locator("tr.cart-line", new() { HasText = "Webcam 4K Ultra" });
        await webcamRow.Locator("input.qty-input").FillAsync("2");
        await webcamRow.Locator("button.qty-update").ClickAsync();
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync("R$\u00A02.089,70"); // 2 × 899,90 + 279,90 + 10,00

        await page.ClickAsync("#go-checkout");
        await ExpectUrl(page, "/checkout$");
        await FillCheckout(page, "4111 1111 1111 1111");
        await Screenshot(page, "b-checkout-form");
        await page.ClickAsync("#place-order");

        await Assertions.Expect(page.Locator("#order-confirmation")).ToBeVisibleAsync();
        var number = (await page.Locator("#order-number").TextContentAsync())!.Trim();
        Assert.Matches("^FS-[0-9A-Z]{4}-[0-9A-Z]{4}$", number);
        await Assertions.Expect(page.Locator("#order-total")).ToHaveTextAsync("R$\u00A02.089,70");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("0");
        await Screenshot(page, "b-confirmation");

        await page.Locator("nav.navbar").GetByRole(AriaRole.Link, new() { Name = "Meus pedidos" }).ClickAsync();
        await ExpectUrl(page, "/orders$");
        var row = page.Locator($"tr.order-row[data-number='{number}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".order-status")).ToHaveAttributeAsync("data-status", "Paid"); // issue 12
        await Assertions.Expect(page.Locator("tr.order-row")).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task A_declined_card_on_a_phone_keeps_the_cart_and_says_why()
    {
        var page = await NewPage(390, 844, isMobile: true);
        await page.GotoAsync("/");

        // On a phone the menu is collapsed behind the toggler.
        var allProducts = page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "Todos os produtos" });
        await Assertions.Expect(allProducts).ToBeHiddenAsync();
        await OpenMenu(page);
        await Assertions.Expect(allProducts).ToBeVisibleAsync();
        await allProducts.ClickAsync();
        await ExpectUrl(page, "/shop$");

        await page.Locator("article.product-card", new() { HasText = "Caixa de Som" }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToBeVisibleAsync(); // the page after the post has loaded
        await OpenMenu(page);
        var cartLink = page.Locator("#cart-link");
        await Assertions.Expect(cartLink).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1");
        await cartLink.ClickAsync();
        await ExpectUrl(page, "/cart$");
        await page.ClickAsync("#go-checkout");
        await ExpectUrl(page, "/checkout$");
        await FillCheckout(page, "4000 0000 0000 0002", "987");
        await page.ClickAsync("#place-order");

        await Assertions.Expect(page.Locator("#checkout-error")).ToContainTextAsync("recusado");
        await Assertions.Expect(page.Locator("#Input_CardNumber")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#Input_Cvv")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#Input_FirstName")).ToHaveValueAsync("Ana");
        await Screenshot(page, "c-declined-phone");

        await page.GotoAsync("/orders");
        await Assertions.Expect(page.Locator("#no-orders")).ToBeVisibleAsync();
        await page.GotoAsync("/cart");
        await Assertions.Expect(page.Locator("tr.cart-line")).ToHaveCountAsync(1);
    }
}
