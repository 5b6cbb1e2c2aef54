using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FakeShop.Browser.Tests;

[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserFixture Fixture { get; } = fixture;

    public async Task InitializeAsync()
    {
        if (!BrowserFixture.ChromiumInstalled)
        {
            Assert.Fail($"Chromium is required on CI but {BrowserFixture.ChromiumPath} is missing: apt-get install -y --no-install-recommends chromium.");
        }

        await Fixture.Shop.ResetAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A fresh browser profile (its own cookies: a new visitor), desktop-sized unless told otherwise.</summary>
    protected async Task<IPage> NewPage(int width = 1280, int height = 900, bool isMobile = false)
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = isMobile,
            HasTouch = isMobile,
            Locale = "pt-BR",
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        // Generous: the machine's two cores are shared with other test runs.
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Saves a screenshot when SCREENSHOT_DIR is set, for a person to look at after the run.</summary>
    protected static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrWhiteSpace(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    protected static Task ExpectUrl(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern));

    protected static async Task FillCheckout(IPage page, string card, string cvv = "123")
    {
        await page.FillAsync("#Input_FirstName", "Ana");
        await page.FillAsync("#Input_LastName", "Souza");
        await page.FillAsync("#Input_Email", "ana.souza@example.com");
        await page.FillAsync("#Input_Phone", "(11) 91234-5678");
        await page.FillAsync("#Input_AddressLine1", "Avenida Paulista, 1000");
        await page.FillAsync("#Input_City", "São Paulo");
        await page.FillAsync("#Input_State", "SP");
        await page.FillAsync("#Input_PostalCode", "01310-100");
        await page.FillAsync("#Input_Country", "Brasil");
        await page.FillAsync("#Input_CardHolder", "ANA SOUZA");
        await page.FillAsync("#Input_CardNumber", card);
        await page.FillAsync("#Input_CardExpiry", "12/" + ((DateTime.UtcNow.Year + 3) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#Input_Cvv", cvv);
    }
}
