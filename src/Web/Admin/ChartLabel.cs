namespace FakeShop.Web.Admin;

/// <param name="X">Percent of the chart's width.</param>
/// <param name="Anchor">SVG text-anchor: the outermost labels hug the edges instead of sticking out.</param>
public sealed record ChartLabel(double X, string Text, string Anchor);
