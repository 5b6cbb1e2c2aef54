using Microsoft.Playwright;

namespace FakeShop.AdminBrowser.Tests;

/// <summary>Debian's Chromium under Playwright: nothing is downloaded, the browser comes from the system.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}

/// <summary>
/// Skipped on a developer machine without Chromium; in CI (CI=true) it runs and fails instead, so a missing browser
/// can never turn the end-to-end test silently green.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.IsCi)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath} (apt-get install -y --no-install-recommends chromium).";
        }
    }
}
