using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using FakeShop.Application.Admin.GetDashboard;

namespace FakeShop.Web.Admin;

/// <summary>
/// Geometry of the dashboard's SVG: a bar per day for the number of orders and a line for revenue, each scaled to
/// its own maximum. Computed on the server so the page needs no script and no inline style (strict CSP).
/// The drawing is an inner SVG stretched to the box (<see cref="PlotWidth"/> × <see cref="PlotHeight"/> units);
/// the text sits in the outer SVG, placed in percent of its width, so it keeps its real size at 390 px and at
/// 1366 px and is never scaled down or cut off at the edges (issue 13: "R$ 13.113" was clipped).
/// </summary>
public sealed class SalesChart
{
    /// <summary>Pixel height of the whole chart: the scale labels, the plot and the day labels.</summary>
    public const int Height = 250;
    public const int PlotTop = 26;
    public const int PlotPixels = 190;
    public const int PlotWidth = 300;
    public const int PlotHeight = 100;

    public SalesChart(IReadOnlyList<DailySalesVm> days)
    {
        Days = days;
        TopOrders = days.Count == 0 ? 0 : days.Max(d => d.Orders);
        TopRevenue = days.Count == 0 ? 0m : days.Max(d => d.Revenue.Amount);
        MaxOrders = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Orders));
        MaxRevenue = Math.Max(1m, days.Count == 0 ? 1m : days.Max(d => d.Revenue.Amount));
        var slot = days.Count == 0 ? 0 : (double)PlotWidth / days.Count;
        Bars = days.Select((d, i) =>
        {
            var h = PlotHeight * d.Orders / (double)MaxOrders;
            return new ChartBar((i * slot) + (slot * 0.15), PlotHeight - h, slot * 0.7, h, d);
        }).ToList();
        RevenuePoints = string.Join(' ', days.Select((d, i) =>
            F((i * slot) + (slot / 2)) + "," + F(PlotHeight - (PlotHeight * (double)(d.Revenue.Amount / MaxRevenue)))));
        // A label a week, counted back from today so the newest day is always named; five "dd/MM" fit in 360 px.
        Labels = days.Select((d, i) => (d, i)).Where(x => (days.Count - 1 - x.i) % 7 == 0)
            .Select(x =>
            {
                var percent = 100.0 * ((x.i * slot) + (slot / 2)) / PlotWidth;
                var anchor = percent < 6 ? "start" : percent > 94 ? "end" : "middle";
                var at = anchor switch { "start" => 0, "end" => 100, _ => percent };
                return new ChartLabel(at, x.d.Day.ToString("dd/MM", CultureInfo.InvariantCulture), anchor);
            })
            .ToList();
    }

    public IReadOnlyList<DailySalesVm> Days { get; }

    /// <summary>The busiest day's orders and revenue: what the scale labels say (the scale itself never goes below 1).</summary>
    public int TopOrders { get; }

    public decimal TopRevenue { get; }

    public int MaxOrders { get; }

    public decimal MaxRevenue { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    public string RevenuePoints { get; }

    public IReadOnlyList<ChartLabel> Labels { get; }

    /// <summary>
    /// An SVG &lt;text&gt; element at <paramref name="xPercent"/> of the chart's width. Written as a string because
    /// Razor reserves the &lt;text&gt; tag for itself; the content is HTML-encoded like any other output.
    /// </summary>
    public static IHtmlContent Text(double xPercent, double y, string anchor, string fill, string content, string? cssClass = null) => new HtmlString(
        $"<text x=\"{F(xPercent)}%\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"13\" fill=\"{fill}\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}>{HtmlEncoder.Default.Encode(content)}</text>");

    /// <summary>SVG numbers are always invariant: "12,5" would break the drawing in pt-BR.</summary>
    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
