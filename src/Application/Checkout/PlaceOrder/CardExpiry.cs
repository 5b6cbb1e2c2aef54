using System.Globalization;

namespace FakeShop.Application.Checkout.PlaceOrder;

internal static class CardExpiry
{
    /// <summary>Parses "MM/YY" (also "MM/YYYY", "MMYY"); the card is valid through the end of that month.</summary>
    public static bool TryParse(string? text, out int month, out int year)
    {
        month = year = 0;
        var value = (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        string mm, yy;
        if (value.Length == 5 && value[2] == '/')
        {
            (mm, yy) = (value[..2], value[3..]);
        }
        else if (value.Length == 7 && value[2] == '/')
        {
            (mm, yy) = (value[..2], value[5..]);
        }
        else if (value.Length == 4)
        {
            (mm, yy) = (value[..2], value[2..]);
        }
        else
        {
            return false;
        }

        if (!int.TryParse(mm, NumberStyles.None, CultureInfo.InvariantCulture, out month)
            || !int.TryParse(yy, NumberStyles.None, CultureInfo.InvariantCulture, out var shortYear)
            || month is < 1 or > 12)
        {
            return false;
        }

        year = 2000 + shortYear;
        return true;
    }

    public static bool IsExpired(int month, int year, DateTimeOffset now) =>
        year < now.Year || (year == now.Year && month < now.Month);
}
