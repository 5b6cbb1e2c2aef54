namespace FakeShop.Web.Admin;

/// <summary>
/// The one reader of prices typed in the admin. It follows the admin's culture (pt-BR "1.299,90", English
/// "1,299.90") and refuses what it would have to guess: more than two decimals, or a thousands separator anywhere but
/// between groups of three digits. "10,001" in pt-BR could be a typo for 10,01 or for 10.001, so it is refused with a
/// message instead of being saved as a price nobody meant. Default model binding is not used because it ignores the
/// group positions and, with invariant globalization, the culture's separators.
/// </summary>
public static class PriceInput
{
    public const int MaxLength = 20;

    /// <summary>Reads <paramref name="text"/> with the separators of <paramref name="numbers"/> (see ShopCultures.NumberFormat).</summary>
    public static bool TryParse(string? text, NumberFormatInfo numbers, out decimal value)
    {
        value = 0;
        var t = (text ?? string.Empty).Replace("R$", string.Empty, StringComparison.OrdinalIgnoreCase)
            .Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
        if (t.Length is 0 or > MaxLength)
        {
            return false;
        }

        var decimalSeparator = numbers.NumberDecimalSeparator;
        var groupSeparator = numbers.NumberGroupSeparator;
        var point = t.IndexOf(decimalSeparator, StringComparison.Ordinal);
        var whole = point < 0 ? t : t[..point];
        var fraction = point < 0 ? string.Empty : t[(point + decimalSeparator.Length)..];
        if (point >= 0 && (fraction.Length is 0 or > 2 || !fraction.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var groups = whole.Split(groupSeparator);
        var wellGrouped = groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
        if (groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit)) || (groups.Length > 1 && !wellGrouped))
        {
            return false;
        }

        var normalized = string.Concat(groups) + (fraction.Length > 0 ? "." + fraction : string.Empty);
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// How a price is written back into the form: in the admin's culture and grouped ("1.299,90"), the way the admin
    /// would type it, so <see cref="TryParse"/> reads it unchanged.
    /// </summary>
    public static string Format(decimal value, NumberFormatInfo numbers) => value.ToString("#,##0.00", numbers);

    /// <summary>The example shown in the refusal message, with the admin's separators.</summary>
    public static string Example(NumberFormatInfo numbers) => 1299.90m.ToString("#,##0.00", numbers);
}
