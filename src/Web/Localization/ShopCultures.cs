namespace FakeShop.Web.Localization;

/// <summary>
/// The two UI languages. Number and date formats are spelled out here rather than taken from ICU, so prices read
/// the same whether or not the container ships ICU data (invariant globalization mode).
/// </summary>
public static class ShopCultures
{
    public const string Portuguese = "pt-BR";
    public const string English = "en";
    public const string CookieName = "fs_culture";

    public static readonly string[] Supported = [Portuguese, English];

    public static bool IsPortuguese(CultureInfo culture) => culture.Name.StartsWith("pt", StringComparison.OrdinalIgnoreCase);

    public static NumberFormatInfo NumberFormat(CultureInfo culture) => IsPortuguese(culture) ? PortugueseNumbers : EnglishNumbers;

    private static readonly NumberFormatInfo PortugueseNumbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        CurrencyDecimalSeparator = ",",
        CurrencyGroupSeparator = ".",
    };

    private static readonly NumberFormatInfo EnglishNumbers = new()
    {
        NumberDecimalSeparator = ".",
        NumberGroupSeparator = ",",
        CurrencyDecimalSeparator = ".",
        CurrencyGroupSeparator = ",",
    };

    public static string FormatDate(DateTimeOffset value, CultureInfo culture)
    {
        // Brasília time in both languages: it is the shop's and its customers' clock.
        var local = FakeShop.Application.Common.BrasiliaTime.ToLocal(value);
        return IsPortuguese(culture)
            ? local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (Brasília)";
    }
}
