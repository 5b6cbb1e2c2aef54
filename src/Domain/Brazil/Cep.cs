using FakeShop.Domain.Common;

namespace FakeShop.Domain.Brazil;

/// <summary>
/// A Brazilian postal code (CEP): eight digits, written 00000-000. Typed with or without the hyphen, kept as the
/// eight digits so two spellings of the same CEP are equal.
/// </summary>
public sealed record Cep
{
    private Cep(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? text, out Cep cep)
    {
        cep = null!;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        // Only the two spellings people use: 01310100 and 01310-100. Dots or spaces are a typo worth pointing out.
        var digits = trimmed.Length == 9 && trimmed[5] == '-' ? string.Concat(trimmed.AsSpan(0, 5), trimmed.AsSpan(6)) : trimmed;
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        cep = new Cep(digits);
        return true;
    }

    public static Cep Parse(string? text) =>
        TryParse(text, out var cep) ? cep : throw new DomainException("cep.invalid", "A CEP has eight digits: 00000-000.");

    /// <summary>00000-000, as printed on an envelope.</summary>
    public override string ToString() => string.Concat(Digits.AsSpan(0, 5), "-", Digits.AsSpan(5));
}
