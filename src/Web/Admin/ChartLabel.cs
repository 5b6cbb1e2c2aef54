namespace FakeShop.Web.Admin;

public sealed record ChartLabel(double X, string Text);
