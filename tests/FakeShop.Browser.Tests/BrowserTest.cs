using System.Text.RegularExpressions;
using FakeShop.Testing;
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

    /// <summary>
    /// A fresh browser profile (its own cookies: a new visitor), desktop-sized unless told otherwise. With
    /// <paramref name="clientAddress"/> the app sees that client address (the test server trusts loopback as a
    /// proxy), so per-client limits such as the login throttle count this profile alone.
    /// </summary>
    protected async Task<IPage> NewPage(int width = 1280, int height = 900, bool isMobile = false, string? clientAddress = null)
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = isMobile,
            HasTouch = isMobile,
            Locale = "pt-BR",
            ExtraHTTPHeaders = clientAddress is null ? null : new Dictionary<string, string> { ["X-Forwarded-For"] = clientAddress },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        // Generous: the machine's two cores are shared with other test runs.
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Where a reviewer finds the pictures: SCREENSHOT_DIR, else the repository's artifacts/screenshots.</summary>
    protected static string ScreenshotFolder()
    {
        var configured = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "global.json")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
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

    /// <summary>
    /// Opens the phone menu and waits until Bootstrap has finished opening it ("show" comes when the transition
    /// ends): a click on a control inside it during the transition could land while it still moved and send nothing.
    /// </summary>
    protected static async Task OpenMenu(IPage page)
    {
        await page.ClickAsync(".navbar-toggler");
        await Assertions.Expect(page.Locator("#mainNav")).ToHaveClassAsync(new Regex(@"\bshow\b"));
    }

    /// <summary>Switches the shop to English with the language switch, as a shopper does (behind the menu on a phone).</summary>
    protected static async Task SwitchToEnglish(IPage page)
    {
        if (page.ViewportSize is { Width: < 992 })
        {
            await OpenMenu(page);
        }

        await page.ClickAsync("form.language-switch button[value=en]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    protected static Task ExpectUrl(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern));

    /// <summary>Types <see cref="CheckoutForm.Values"/> into the page in the form's own order; the state is a select.</summary>
    protected static async Task FillCheckout(IPage page, string card, string cvv = "123")
    {
        var values = CheckoutForm.Values(card, cvv);
        foreach (var field in await page.Locator("#checkout-form [name^='Input.']").AllAsync())
        {
            var name = await field.GetAttributeAsync("name");
            if (name is null || !values.TryGetValue(name, out var value))
            {
                continue;
            }

            if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await field.SelectOptionAsync(value);
            }
            else
            {
                await field.FillAsync(value);
            }
        }
    }
}
