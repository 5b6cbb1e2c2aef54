using FakeShop.Domain.Common;

namespace FakeShop.Domain.Brazil;

/// <summary>
/// A CPF (the individual taxpayer number printed on an invoice): eleven digits, the last two check digits computed
/// from the first nine. It identifies a person, so <see cref="ToString"/> gives the masked form: a CPF that slips
/// into a log line or a page through string formatting shows only its middle six digits.
/// </summary>
public sealed record Cpf
{
    private Cpf(string digits) => Digits = digits;

    /// <summary>The eleven digits, for storage and the invoice. Never log this.</summary>
    public string Digits { get; }

    /// <summary>123.456.789-09: the full number, for the invoice and the back office only.</summary>
    public string Formatted => $"{Digits[..3]}.{Digits[3..6]}.{Digits[6..9]}-{Digits[9..]}";

    /// <summary>***.456.789-**: what the customer sees of it on their order.</summary>
    public string Masked => $"***.{Digits[3..6]}.{Digits[6..9]}-**";

    public static bool TryParse(string? text, out Cpf cpf)
    {
        cpf = null!;
        if (text is null)
        {
            return false;
        }

        // Accept it as people type it: 12345678909 or 123.456.789-09 (spaces around the separators forgiven).
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digits.Length != 11 || text.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or '-' or ' ')))
        {
            return false;
        }

        // 000.000.000-00, 111.111.111-11 ... pass the arithmetic but are not issued.
        if (digits.All(c => c == digits[0]))
        {
            return false;
        }

        if (CheckDigit(digits, 9) != digits[9] - '0' || CheckDigit(digits, 10) != digits[10] - '0')
        {
            return false;
        }

        cpf = new Cpf(digits);
        return true;
    }

    public static Cpf Parse(string? text) =>
        TryParse(text, out var cpf) ? cpf : throw new DomainException("cpf.invalid", "Not a valid CPF.");

    public override string ToString() => Masked;

    /// <summary>Weights count down from length + 1 to 2 over the first <paramref name="length"/> digits; modulo 11.</summary>
    private static int CheckDigit(string digits, int length)
    {
        var sum = 0;
        for (var i = 0; i < length; i++)
        {
            sum += (digits[i] - '0') * (length + 1 - i);
        }

        var remainder = sum * 10 % 11;
        return remainder == 10 ? 0 : remainder;
    }
}
