using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>
/// Offline check of the transparency-log proof cosign attaches to a classic signature layer (annotation
/// "dev.sigstore.cosign/bundle"): the Signed Entry Timestamp is Rekor's ECDSA signature over the canonical
/// JSON of {body, integratedTime, logID, logIndex}, and the hashedrekord body must name this payload's hash,
/// this signature and the signer's key. With the Rekor public key given (SIGSTORE_REKOR_PUBLIC_KEY, as in
/// cosign) this proves the signature was logged, without network access.
/// </summary>
internal static class RekorBundle
{
    public const string PublicKeyEnvironmentVariable = "SIGSTORE_REKOR_PUBLIC_KEY";

    /// <returns>null when the bundle proves this signature was logged by that Rekor, else the reason.</returns>
    public static string? Check(ECDsa rekorKey, string bundleJson, byte[] payload, string signatureBase64, ECDsa signerKey)
    {
        try
        {
            using var bundle = JsonDocument.Parse(bundleJson);
            var set = Convert.FromBase64String(bundle.RootElement.GetProperty("SignedEntryTimestamp").GetString()!);
            var entry = bundle.RootElement.GetProperty("Payload");
            var body = entry.GetProperty("body").GetString()!;
            var integratedTime = entry.GetProperty("integratedTime").GetInt64();
            var logIndex = entry.GetProperty("logIndex").GetInt64();
            var logId = entry.GetProperty("logID").GetString()!;

            // Canonical JSON (RFC 8785 subset): keys sorted, compact; all values here are ASCII strings or integers.
            var canonical = Encoding.UTF8.GetBytes(
                "{\"body\":" + GoJson.Quote(body)
                + ",\"integratedTime\":" + integratedTime.ToString(CultureInfo.InvariantCulture)
                + ",\"logID\":" + GoJson.Quote(logId)
                + ",\"logIndex\":" + logIndex.ToString(CultureInfo.InvariantCulture) + "}");
            if (!EcdsaSignatures.Verify(rekorKey, canonical, set))
            {
                return "transparency log bundle: the signed entry timestamp does not verify with the Rekor public key";
            }

            if (logId != Convert.ToHexStringLower(SHA256.HashData(rekorKey.ExportSubjectPublicKeyInfo())))
            {
                return "transparency log bundle: logID is not the given Rekor key's";
            }

            return CheckBody(Convert.FromBase64String(body), payload, signatureBase64, signerKey);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or CosignException)
        {
            return "malformed transparency log bundle: " + ex.Message;
        }
    }

    /// <summary>The logged hashedrekord entry must be about this very payload, signature and key.</summary>
    private static string? CheckBody(byte[] body, byte[] payload, string signatureBase64, ECDsa signerKey)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("kind").GetString() != "hashedrekord")
        {
            return "transparency log entry is not a hashedrekord";
        }

        var spec = root.GetProperty("spec");
        var hash = spec.GetProperty("data").GetProperty("hash");
        if (hash.GetProperty("algorithm").GetString() != "sha256"
            || hash.GetProperty("value").GetString() != Convert.ToHexStringLower(SHA256.HashData(payload)))
        {
            return "transparency log entry is for another payload";
        }

        var signature = spec.GetProperty("signature");
        if (!Convert.FromBase64String(signature.GetProperty("content").GetString()!).AsSpan()
                .SequenceEqual(Convert.FromBase64String(signatureBase64)))
        {
            return "transparency log entry is for another signature";
        }

        var loggedKeyPem = Encoding.UTF8.GetString(Convert.FromBase64String(signature.GetProperty("publicKey").GetProperty("content").GetString()!));
        using var loggedKey = EcdsaSignatures.LoadPublicKey(loggedKeyPem);
        return loggedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(signerKey.ExportSubjectPublicKeyInfo())
            ? null
            : "transparency log entry is for another public key";
    }
}
