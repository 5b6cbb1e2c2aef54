using System.Globalization;

namespace FakeShop.Web.Admin;

/// <summary>
/// Reads a price typed as "49,90", "49.90", "1.234,56" or "1,234.56": admins type the way their keyboard and
/// culture suggest, and model binding with the current culture would read "49.90" as 4990 in pt-BR.
/// </summary>
public static class PriceInput
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var t = (text ?? string.Empty).Replace("R$", string.Empty, StringComparison.OrdinalIgnoreCase).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
        if (t.Length is 0 or > 20)
        {
            return false;
        }

        // The last separator followed by one or two digits is the decimal one; any other is a thousands separator.
        var last = t.LastIndexOfAny([',', '.']);
        string normalized;
        if (last >= 0 && t.Length - last - 1 is 1 or 2)
        {
            normalized = t[..last].Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal) + "." + t[(last + 1)..];
        }
        else
        {
            normalized = t.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        }

        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>How a price is written back into the form: invariant, so <see cref="TryParse"/> reads it unchanged.</summary>
    public static string Format(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
