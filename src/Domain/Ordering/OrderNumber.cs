using System.Security.Cryptography;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// Short order numbers such as "FS-7KQ2-M9XD": 40 random bits in Crockford base32 (no I, L, O, U), so they cannot
/// be guessed in sequence; uniqueness is enforced by a database constraint and a retry.
/// </summary>
public static class OrderNumber
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[5];
        RandomNumberGenerator.Fill(bytes);
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        Span<char> chars = stackalloc char[8];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return string.Concat("FS-", chars[..4], "-", chars[4..]);
    }

    public static bool IsWellFormed(string? value) =>
        value is { Length: 12 }
        && value.StartsWith("FS-", StringComparison.Ordinal)
        && value[7] == '-'
        && value.Where((c, i) => i is not (0 or 1 or 2 or 7)).All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
