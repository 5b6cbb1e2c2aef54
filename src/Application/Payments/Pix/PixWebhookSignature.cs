using System.Security.Cryptography;
using System.Text;

namespace FakeShop.Application.Payments.Pix;

/// <summary>
/// The webhook's proof of origin: "sha256=" and the lower-case hex HMAC-SHA256 of the raw request body under
/// <c>Payments:Pix:WebhookSecret</c>. Computed over the bytes as received, before any JSON parsing, so that a
/// re-serialisation can never make a tampered body look signed.
/// </summary>
public static class PixWebhookSignature
{
    public const string HeaderName = "X-Pix-Signature";
    private const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time: how much of a guess matched must not show in the answer's timing.</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
