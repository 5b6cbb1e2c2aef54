using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FakeShop.Browser.Tests;

/// <summary>
/// Issue 13 item 7: keyboard focus is visible everywhere — a solid outline at least 2 px wide whose colour has a
/// contrast of at least 3:1 against the background it is drawn on (Bootstrap's translucent blue rings measured
/// about 1.5:1). Measured in Chromium by tabbing through real pages, light and dark surfaces alike.
/// </summary>
public sealed partial class FocusTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserTheory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Every_focus_ring_has_at_least_3_to_1_contrast_against_its_background(int width)
    {
        var page = await NewPage(width, width < 500 ? 844 : 900, isMobile: width < 500);
        await page.GotoAsync("/product/webcam-4k-ultra");
        await page.ClickAsync("#add-to-cart button[type=submit]");
        await Assertions.Expect(page.Locator("#flash")).ToBeVisibleAsync();

        var problems = new List<string>();
        var measured = 0;
        foreach (var path in new[] { "/", "/cart", "/checkout", "/pagina-que-nao-existe" })
        {
            await page.GotoAsync(path);
            if (width < 992)
            {
                // The collapsed menu's links are only reachable once it is open.
                await OpenMenu(page);
            }

            await page.Locator("body").FocusAsync();
            for (var i = 0; i < 60; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var ring = await page.EvaluateAsync<JsonElement?>(
                    """
                    () => {
                        const el = document.activeElement;
                        if (!el || el === document.body || !el.matches(':focus-visible')) { return null; }
                        const cs = getComputedStyle(el);
                        let bg = 'rgb(255, 255, 255)';
                        for (let p = el.parentElement; p; p = p.parentElement) {
                            const c = getComputedStyle(p).backgroundColor;
                            if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) { bg = c; break; }
                        }
                        return { what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 30) + '"',
                                 style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor, bg };
                    }
                    """);
                if (ring is not { ValueKind: JsonValueKind.Object } r)
                {
                    continue;
                }

                measured++;
                var what = $"{path} {r.GetProperty("what").GetString()}";
                var background = Rgb(r.GetProperty("bg").GetString()!, null);
                var colour = Rgb(r.GetProperty("color").GetString()!, background);
                var ratio = Contrast(colour, background);
                if (r.GetProperty("style").GetString() is "none" or "hidden" || r.GetProperty("width").GetDouble() < 2)
                {
                    problems.Add($"{what}: no visible outline ({r.GetProperty("style").GetString()} {r.GetProperty("width").GetDouble()} px)");
                }
                else if (ratio < 3)
                {
                    problems.Add($"{what}: outline {r.GetProperty("color").GetString()} on {r.GetProperty("bg").GetString()} is {ratio:0.00}:1");
                }
            }
        }

        Assert.True(measured > 40, $"only {measured} focused elements measured: the tabbing did not work");
        Assert.True(problems.Count == 0, $"{problems.Count} focus ring(s) under 3:1 at {width} px:\n" + string.Join("\n", problems.Distinct()));
    }

    /// <summary>An rgb()/rgba() colour, blended over <paramref name="under"/> when translucent.</summary>
    private static (double R, double G, double B) Rgb(string css, (double R, double G, double B)? under)
    {
        var parts = ColourParts().Match(css);
        Assert.True(parts.Success, $"unexpected colour {css}");
        double Part(int i) => double.Parse(parts.Groups[i].Value, CultureInfo.InvariantCulture);
        var alpha = parts.Groups[4].Success ? Part(4) : 1;
        var (r, g, b) = (Part(1), Part(2), Part(3));
        var (ur, ug, ub) = under ?? (255, 255, 255);
        return (r * alpha + ur * (1 - alpha), g * alpha + ug * (1 - alpha), b * alpha + ub * (1 - alpha));
    }

    /// <summary>WCAG 2 contrast ratio.</summary>
    private static double Contrast((double R, double G, double B) a, (double R, double G, double B) b)
    {
        static double Channel(double c)
        {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        static double Luminance((double R, double G, double B) c) => (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    [GeneratedRegex(@"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)")]
    private static partial Regex ColourParts();
}
