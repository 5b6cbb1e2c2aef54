using System.Globalization;
using System.Text;
using FakeShop.Domain.Common;

namespace FakeShop.Domain.Payments;

/// <summary>
/// The "Pix copia e cola" text: an EMV merchant-presented QR payload as BCB's BR Code specifies it. Each field is
/// ID (2 digits), length (2 digits) and value; the payload ends with field 63, a CRC-16/CCITT-FALSE over everything
/// before its value, "6304" included. Banking apps refuse a payload whose lengths or CRC are off, so the builder
/// refuses values that would not fit instead of cutting them silently.
/// </summary>
public static class PixBrCode
{
    public const string Gui = "br.gov.bcb.pix";
    public const int MaxMerchantName = 25;
    public const int MaxMerchantCity = 15;
    public const int MaxTxId = 25;
    public const int MaxKey = 77;

    /// <summary>The txid a payload without its own identifier carries, by the BR Code rules.</summary>
    public const string NoTxId = "***";

    /// <summary>Builds the payload. <paramref name="amount"/> null leaves the amount to the payer (field 54 omitted).</summary>
    public static string Build(string key, string merchantName, string merchantCity, Money? amount, string txId, bool singleUse = false)
    {
        key = Text(key, "pix.key", MaxKey);
        merchantName = Text(merchantName, "pix.merchant_name", MaxMerchantName);
        merchantCity = Text(merchantCity, "pix.merchant_city", MaxMerchantCity);
        if (txId != NoTxId && (txId.Length is 0 or > MaxTxId || !txId.All(char.IsAsciiLetterOrDigit)))
        {
            throw new DomainException("pix.txid", $"A Pix txid is 1 to {MaxTxId} letters or digits.");
        }

        if (amount is { IsZero: true })
        {
            throw new DomainException("pix.amount", "A Pix charge needs an amount above zero.");
        }

        var payload = new StringBuilder(160);
        Field(payload, "00", "01");
        if (singleUse)
        {
            // Point of initiation method 12: the code is meant to be paid once (one order, one code).
            Field(payload, "01", "12");
        }

        Field(payload, "26", Field("00", Gui) + Field("01", key));
        Field(payload, "52", "0000");
        Field(payload, "53", "986");
        if (amount is { } value)
        {
            Field(payload, "54", value.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        }

        Field(payload, "58", "BR");
        Field(payload, "59", merchantName);
        Field(payload, "60", merchantCity);
        Field(payload, "62", Field("05", txId));
        payload.Append("6304");
        payload.Append(Crc(payload.ToString()));
        return payload.ToString();
    }

    /// <summary>The four upper-case hex digits of the checksum over <paramref name="payloadUpToCrcId"/>.</summary>
    public static string Crc(string payloadUpToCrcId) =>
        Crc16CcittFalse.Compute(Encoding.ASCII.GetBytes(payloadUpToCrcId)).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the top-level fields of a payload, checking every length and the CRC; null when anything is off.
    /// Nested templates (26, 62) come back as their raw value; read them with <see cref="ReadFields"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Parse(string payload)
    {
        if (payload.Length < 8 || !payload.All(c => c is >= ' ' and <= '~')
            || !payload.AsSpan(payload.Length - 8, 4).SequenceEqual("6304")
            || !string.Equals(Crc(payload[..^4]), payload[^4..], StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var fields = ReadFields(payload);
        return fields is not null && fields.TryGetValue("00", out var format) && format == "01" ? fields : null;
    }

    /// <summary>Splits a run of ID-length-value fields; null when a length does not add up or an ID repeats.</summary>
    public static IReadOnlyDictionary<string, string>? ReadFields(string data)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < data.Length)
        {
            if (position + 4 > data.Length
                || !int.TryParse(data.AsSpan(position + 2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || position + 4 + length > data.Length
                || !fields.TryAdd(data.Substring(position, 2), data.Substring(position + 4, length)))
            {
                return null;
            }

            position += 4 + length;
        }

        return fields;
    }

    /// <summary>
    /// Accents are dropped ("São Paulo" → "Sao Paulo") because payer apps show the field as plain ASCII; anything
    /// else outside printable ASCII is refused rather than guessed at.
    /// </summary>
    private static string Text(string value, string field, int maxLength)
    {
        var decomposed = Guard.RequiredText(value, field, 200).Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is < ' ' or > '~')
            {
                throw new DomainException($"{field}.charset", $"{field} may hold letters, digits and common punctuation only.");
            }

            ascii.Append(c);
        }

        if (ascii.Length > maxLength)
        {
            throw new DomainException($"{field}.too_long", $"{field} must be at most {maxLength} characters.");
        }

        return ascii.ToString();
    }

    private static string Field(string id, string value) => id + value.Length.ToString("00", CultureInfo.InvariantCulture) + value;

    private static void Field(StringBuilder payload, string id, string value)
    {
        if (value.Length > 99)
        {
            throw new DomainException("pix.field_too_long", $"Field {id} of a BR Code holds at most 99 characters.");
        }

        payload.Append(Field(id, value));
    }
}
