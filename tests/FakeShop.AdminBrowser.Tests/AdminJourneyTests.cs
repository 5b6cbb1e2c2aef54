using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FakeShop.AdminBrowser.Tests;

[Collection(AdminBrowserCollection.Name)]
public sealed partial class AdminJourneyTests(AdminBrowserFixture app) : IAsyncLifetime
{
    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public Task InitializeAsync() => app.ResetWithAdminAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [ChromiumFact]
    public async Task Admin_creates_a_product_customer_buys_it_admin_ships_it_customer_sees_shipped()
    {
        Assert.True(Chromium.IsInstalled, $"CI=true but Chromium is missing at {Chromium.ExecutablePath}: apt-get install -y --no-install-recommends chromium");
        var baseUrl = app.Factory.KestrelAddress.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var contextOptions = new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "en-US" };

        // The admin signs in and creates a product with an image.
        await using var adminContext = await browser.NewContextAsync(contextOptions);
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync("/Account/Login");
        await admin.FillAsync("#Input_Email", AdminBrowserFixture.AdminEmail);
        await admin.FillAsync("#Input_Password", AdminBrowserFixture.AdminPassword);
        await admin.ClickAsync("#login-submit");
        await Assertions.Expect(admin.Locator("#admin-nav")).ToBeVisibleAsync();

        await admin.GotoAsync("/Admin/Products/Create");
        await admin.FillAsync("#Input_Name", "Luz de Anel Playwright");
        await admin.FillAsync("#Input_ShortDescription", "Ring light de 18 polegadas.");
        await admin.FillAsync("#Input_Price", "199.90");
        await admin.FillAsync("#Input_Stock", "4");
        await admin.SelectOptionAsync("#Input_CategoryId", new SelectOptionValue { Label = "Streaming" });
        await admin.ClickAsync("#save-product");
        await Assertions.Expect(admin.Locator("#flash")).ToHaveTextAsync("Product created.");

        // Issue 13: the picture is a field of the product form, saved with the other fields.
        await admin.SetInputFilesAsync("#Input_Image", new FilePayload { Name = "ring-light.png", MimeType = "image/png", Buffer = Png });
        await admin.ClickAsync("#save-product");
        await Assertions.Expect(admin.Locator("#flash")).ToHaveTextAsync("Product saved with its new image.");
        await Assertions.Expect(admin.Locator("#product-image")).ToHaveAttributeAsync("src", ImagePath());

        // A customer, in a browser of their own, finds the product, sees its picture and buys it.
        await using var customerContext = await browser.NewContextAsync(contextOptions);
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync("/shop?q=Playwright");
        await customer.ClickAsync(".product-card .product-name");
        await Assertions.Expect(customer.Locator("#product-name")).ToHaveTextAsync("Luz de Anel Playwright");
        var picture = customer.Locator("img[src^='/images/']").First;
        await Assertions.Expect(picture).ToBeVisibleAsync();
        Assert.True(await picture.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The uploaded image did not load in the shop.");

        await customer.ClickAsync("#add-to-cart button[type=submit]");
        await customer.GotoAsync("/cart");
        await customer.ClickAsync("#go-checkout");
        await customer.FillAsync("#Input_FirstName", "Bia");
        await customer.FillAsync("#Input_LastName", "Souza");
        await customer.FillAsync("#Input_Email", "bia@example.com");
        await customer.FillAsync("#Input_Phone", "+55 11 98765-4321");
        await customer.FillAsync("#Input_Cpf", "529.982.247-25");
        await customer.FillAsync("#Input_Cep", "01310-100");
        await customer.FillAsync("#Input_Street", "Av. Paulista");
        await customer.FillAsync("#Input_Number", "1000");
        await customer.FillAsync("#Input_District", "Bela Vista");
        await customer.FillAsync("#Input_City", "São Paulo");
        await customer.SelectOptionAsync("#Input_Uf", "SP");
        await customer.FillAsync("#Input_CardHolder", "BIA SOUZA");
        await customer.FillAsync("#Input_CardNumber", "4111 1111 1111 1111");
        await customer.FillAsync("#Input_CardExpiry", "12/" + ((DateTime.UtcNow.Year + 3) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await customer.FillAsync("#Input_Cvv", "123");
        await customer.ClickAsync("#place-order");
        await customer.WaitForURLAsync(OrderPage());
        var number = OrderPage().Match(customer.Url).Groups[1].Value;

        // The approved card made the order Paid (order-first payment, ADR 9): the history shows both steps, and the
        // admin has no "paid" button any more, only the next move, shipped, through the order page's buttons.
        await admin.GotoAsync($"/Admin/Orders/{number}");
        await Assertions.Expect(admin.Locator("#history .history-entry[data-status='AwaitingPayment']")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#history .history-entry[data-status='Paid']")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#to-paid")).ToHaveCountAsync(0);
        await admin.ClickAsync("#to-shipped");
        await Assertions.Expect(admin.Locator("#flash")).ToHaveTextAsync("The order is now Shipped.");
        await Assertions.Expect(admin.Locator("#history")).ToContainTextAsync(AdminBrowserFixture.AdminEmail);

        // The customer's "My orders" shows it shipped.
        await customer.GotoAsync("/orders");
        await Assertions.Expect(customer.Locator($"tr[data-number='{number}'] .order-status")).ToHaveAttributeAsync("data-status", "Shipped");

        if (Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "admin-order.png"), FullPage = true });
            await customer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "customer-orders.png"), FullPage = true });
        }
    }

    [GeneratedRegex("^/images/[0-9a-f]{32}$")]
    private static partial Regex ImagePath();

    [GeneratedRegex("/orders/(FS-[0-9A-Z]{4}-[0-9A-Z]{4})")]
    private static partial Regex OrderPage();
}
