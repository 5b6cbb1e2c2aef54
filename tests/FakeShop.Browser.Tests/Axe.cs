using System.Text.Json;
using Microsoft.Playwright;

namespace FakeShop.Browser.Tests;

/// <summary>
/// Runs axe-core (vendored in axe/, see its README) in the page. It is added as an init script of the browser
/// context: those run through the DevTools protocol, so the shop's strict CSP (no inline script) stays in force
/// and untouched while axe looks at the page.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js")));

    public static Task AddToAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    /// <summary>The serious and critical violations on the page as it is now, one line each with where they are.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                if (typeof axe === 'undefined') { return { missing: true, violations: [] }; }
                const r = await axe.run(document, { resultTypes: ['violations'] });
                return {
                    missing: false,
                    violations: r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => ({
                            id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160) : '')),
                            count: v.nodes.length,
                        })),
                };
            }
            """);
        if (result.GetProperty("missing").GetBoolean())
        {
            throw new InvalidOperationException("axe-core is not loaded in the page: was Axe.AddToAsync called on its context?");
        }

        return [.. result.GetProperty("violations").EnumerateArray().Select(v =>
            $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {v.GetProperty("count").GetInt32()}×): {v.GetProperty("help").GetString()}\n      "
            + string.Join("\n      ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())))];
    }
}
