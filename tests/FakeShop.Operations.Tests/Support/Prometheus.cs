using System.Globalization;
using System.Text.RegularExpressions;

namespace FakeShop.Operations.Tests.Support;

/// <summary>Just enough of the Prometheus text format to read samples and their labels.</summary>
public sealed partial class Prometheus(string text)
{
    public string Text { get; } = text;

    public IEnumerable<(string Name, string Labels, double Value)> Samples =>
        Text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => SampleLine().Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups["name"].Value, m.Groups["labels"].Value, ParseValue(m.Groups["value"].Value)));

    /// <summary>The sum of all samples of a metric whose labels contain every given fragment (0 when absent).</summary>
    public double Sum(string name, params string[] labelFragments) =>
        Samples.Where(s => s.Name == name && labelFragments.All(f => s.Labels.Contains(f, StringComparison.Ordinal))).Sum(s => s.Value);

    public bool Has(string name, params string[] labelFragments) =>
        Samples.Any(s => s.Name == name && labelFragments.All(f => s.Labels.Contains(f, StringComparison.Ordinal)));

    /// <summary>The values in one sample's label set.</summary>
    public static IEnumerable<string> LabelValuesOf(string labels) => LabelValue().Matches(labels).Select(m => m.Groups[1].Value);

    public static async Task<Prometheus> ScrapeAsync(HttpClient http, string url = "/metrics")
    {
        // The exporter caches a scrape for 300 ms; wait it out so each scrape sees what happened before it.
        await Task.Delay(400);
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return new Prometheus(await response.Content.ReadAsStringAsync());
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s+(?<value>\S+)(?:\s+\d+)?\s*$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""[a-zA-Z_][a-zA-Z0-9_]*="((?:[^"\\]|\\.)*)"(?=,|$)""")]
    private static partial Regex LabelValue();
}
