using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FakeShop.Application.Payments.Pix;

/// <summary>
/// The webhook's proof of origin, header <c>X-Pix-Signature: t=UNIX-SECONDS,v1=HEX</c>: the lower-case hex
/// HMAC-SHA256, under <c>Payments:Pix:WebhookSecret</c>, of the delivery time, a dot and the raw request body.
/// Signing the bytes as received (before any JSON parsing) means no re-serialisation can make a tampered body look
/// signed; signing the time with them means a captured delivery cannot be replayed later with a fresh date, while
/// the provider's retries of a failed delivery (signed anew) still get through.
/// </summary>
public static class PixWebhookSignature
{
    public const string HeaderName = "X-Pix-Signature";

    public static string Compute(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        Span<byte> mac = stackalloc byte[32];
        Mac(secret, seconds, body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={seconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>
    /// True when <paramref name="header"/> signs <paramref name="body"/> under <paramref name="secret"/>; then
    /// <paramref name="timestamp"/> is the signed delivery time (the caller decides whether it is recent enough).
    /// The comparison takes constant time: how much of a guess matched must not show in the answer's timing.
    /// </summary>
    public static bool TryVerify(string secret, ReadOnlySpan<byte> body, string? header, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (header is null || header.Length > 200)
        {
            return false;
        }

        long? seconds = null;
        string? hex = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t)
                && t <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                seconds = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                hex = part[3..];
            }
        }

        Span<byte> given = stackalloc byte[32];
        if (seconds is not { } signedAt || hex is not { Length: 64 }
            || Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Mac(secret, signedAt, body, expected);
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeSeconds(signedAt);
        return true;
    }

    private static void Mac(string secret, long seconds, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed, destination);
    }
}
