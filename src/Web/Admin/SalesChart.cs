using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using FakeShop.Application.Admin.GetDashboard;

namespace FakeShop.Web.Admin;

/// <summary>
/// Geometry of the dashboard's SVG: a bar per day for the number of orders and a line for revenue, each scaled to
/// its own maximum. Computed on the server so the page needs no script and no inline style (strict CSP).
/// </summary>
public sealed class SalesChart
{
    public const int Width = 720;
    public const int Height = 240;
    public const int Left = 40;
    public const int Right = 60;
    public const int Top = 10;
    public const int Bottom = 30;

    public SalesChart(IReadOnlyList<DailySalesVm> days)
    {
        Days = days;
        MaxOrders = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Orders));
        MaxRevenue = Math.Max(1m, days.Count == 0 ? 1m : days.Max(d => d.Revenue.Amount));
        var slot = days.Count == 0 ? 0 : (double)PlotWidth / days.Count;
        Bars = days.Select((d, i) =>
        {
            var h = PlotHeight * d.Orders / (double)MaxOrders;
            return new ChartBar(Left + (i * slot) + (slot * 0.15), Top + PlotHeight - h, slot * 0.7, h, d);
        }).ToList();
        RevenuePoints = string.Join(' ', days.Select((d, i) =>
            F(Left + (i * slot) + (slot / 2)) + "," + F(Top + PlotHeight - (PlotHeight * (double)(d.Revenue.Amount / MaxRevenue)))));
        Labels = days.Select((d, i) => (d, i)).Where(x => x.i % 5 == 0 || x.i == days.Count - 1)
            .Select(x => new ChartLabel(Left + (x.i * slot) + (slot / 2), x.d.Day.ToString("dd/MM", CultureInfo.InvariantCulture)))
            .ToList();
    }

    public static int PlotWidth => Width - Left - Right;

    public static int PlotHeight => Height - Top - Bottom;

    public IReadOnlyList<DailySalesVm> Days { get; }

    public int MaxOrders { get; }

    public decimal MaxRevenue { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    public string RevenuePoints { get; }

    public IReadOnlyList<ChartLabel> Labels { get; }

    /// <summary>
    /// An SVG &lt;text&gt; element. Written as a string because Razor reserves the &lt;text&gt; tag for itself; the
    /// content is HTML-encoded like any other output.
    /// </summary>
    public static IHtmlContent Text(double x, double y, string anchor, string fill, string content) => new HtmlString(
        $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"{fill}\">{HtmlEncoder.Default.Encode(content)}</text>");

    /// <summary>SVG numbers are always invariant: "12,5" would break the drawing in pt-BR.</summary>
    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
