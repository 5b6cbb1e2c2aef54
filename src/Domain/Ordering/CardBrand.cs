namespace FakeShop.Domain.Ordering;

/// <summary>Card brand from the number's prefix (IIN ranges of the brands common in Brazil).</summary>
public static class CardBrand
{
    private static readonly string[] EloPrefixes = ["401178", "401179", "431274", "438935", "451416", "457393", "504175", "506699", "5067", "509", "627780", "636297", "636368", "6504", "6505", "6516", "6550"];

    public static string Detect(string digits)
    {
        if (EloPrefixes.Any(digits.StartsWith))
        {
            return "Elo";
        }

        if (digits.StartsWith('4'))
        {
            return "Visa";
        }

        if (digits.Length >= 2 && digits[..2] is "34" or "37")
        {
            return "Amex";
        }

        if (digits.Length >= 2 && digits[..2] is "51" or "52" or "53" or "54" or "55")
        {
            return "Mastercard";
        }

        if (digits.Length >= 4 && int.TryParse(digits.AsSpan(0, 4), out var four) && four is >= 2221 and <= 2720)
        {
            return "Mastercard";
        }

        return digits.StartsWith("606282", StringComparison.Ordinal) ? "Hipercard" : "Card";
    }

    /// <summary>Luhn checksum, the first sanity check on a typed card number.</summary>
    public static bool PassesLuhn(string digits)
    {
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Strips the spaces and hyphens people type between digit groups.</summary>
    public static string Normalize(string? number) =>
        new((number ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
}
