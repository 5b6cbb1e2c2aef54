using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// How the shop's own cookies carry a Data Protection payload (the visitor id, the cart count): base64url, and a value
/// that does not decode or does not open is simply not ours — forged, cut off, or sealed by another key ring.
/// </summary>
public static class SealedCookieValues
{
    public static string Seal(this IDataProtector protector, byte[] payload) => Base64Url.EncodeToString(protector.Protect(payload));

    /// <summary>False for anything this protector did not seal; never throws for what a browser sends.</summary>
    public static bool TryOpen(this IDataProtector protector, string sealedValue, [NotNullWhen(true)] out byte[]? payload)
    {
        try
        {
            payload = protector.Unprotect(Base64Url.DecodeFromChars(sealedValue));
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            payload = null;
            return false;
        }
    }
}
