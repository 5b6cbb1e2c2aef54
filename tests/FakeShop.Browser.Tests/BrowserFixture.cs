using FakeShop.Testing;
using Microsoft.Playwright;

namespace FakeShop.Browser.Tests;

/// <summary>The shop on real Kestrel (a browser needs a real port) over its own PostgreSQL database.</summary>
public sealed class KestrelShop : ShopAppFixture
{
    protected override string DatabaseName => "fakeshop_browser_tests";

    protected override bool UseKestrel => true;
}

/// <summary>
/// One shop and one Chromium for the collection. Chromium is Debian's package, launched by path: nothing is
/// downloaded (no "playwright install"), which also keeps the suite working offline.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public KestrelShop Shop { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    public async Task InitializeAsync()
    {
        if (!ChromiumInstalled)
        {
            // Tests are skipped by BrowserFactAttribute then, except on CI, where this is the message they fail with.
            return;
        }

        await Shop.InitializeAsync();
        BaseAddress = Shop.Factory.KestrelAddress;
        _playwright = await Playwright.CreateAsync();
        // Expectations retry until this long (default 5 s): the machine's two cores are shared with other runs.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (ChromiumInstalled)
        {
            await Shop.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// A test that needs Chromium: skipped with a reason when it is not installed, but on CI (CI=true) it runs and
/// fails with a clear message instead, so a broken CI image cannot pass by skipping everything.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserFixture.ChromiumInstalled && !IsCi)
        {
            Skip = $"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install chromium).";
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The theory form of <see cref="BrowserFactAttribute"/>: skipped without Chromium, except on CI.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!BrowserFixture.ChromiumInstalled && !BrowserFactAttribute.IsCi)
        {
            Skip = $"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install chromium).";
        }
    }
}
