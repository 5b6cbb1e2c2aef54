using System.Buffers;
using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>OCI content digests. Only sha256 is produced or accepted: it is what registries and cosign use.</summary>
internal static class Digests
{
    public const string Sha256Prefix = "sha256:";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string Sha256(ReadOnlySpan<byte> content) =>
        Sha256Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsSha256(string digest) =>
        digest.StartsWith(Sha256Prefix, StringComparison.Ordinal)
        && digest.Length == Sha256Prefix.Length + 64
        && digest.AsSpan(Sha256Prefix.Length).ContainsAnyExcept(LowerHex) == false;

    /// <summary>cosign's tag for the signatures of a manifest: "sha256:abc" becomes "sha256-abc.sig".</summary>
    public static string SignatureTag(string manifestDigest) => manifestDigest.Replace(':', '-') + ".sig";

    /// <summary>cosign's tag for the attestations of a manifest: "sha256:abc" becomes "sha256-abc.att".</summary>
    public static string AttestationTag(string manifestDigest) => manifestDigest.Replace(':', '-') + ".att";

    /// <summary>The OCI referrers fallback tag ("sha256-abc") used by registries without the referrers API.</summary>
    public static string ReferrersFallbackTag(string manifestDigest) => manifestDigest.Replace(':', '-');
}
