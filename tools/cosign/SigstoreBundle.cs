using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>
/// Reads the signature format cosign v3 writes by default: a Sigstore bundle (v0.3+) attached as an OCI
/// referrer, holding a DSSE envelope whose payload is an in-toto statement naming the image digest. Accepted
/// by verify so that images signed with a plain "cosign sign --key" (v3) are not rejected; our own signer
/// writes the classic format only. Transparency-log material in the bundle is not checked (as with
/// --insecure-ignore-tlog), the DSSE keyid is ignored like an empty one.
/// </summary>
internal static class SigstoreBundle
{
    public const string MediaTypePrefix = "application/vnd.dev.sigstore.bundle";
    public const string InTotoPayloadType = "application/vnd.in-toto+json";
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <returns>
    /// The simple-signing-like payload cosign prints for a verified bundle, or the reason it is not valid.
    /// </returns>
    public static (byte[]? Payload, string? Failure) Check(
        ECDsa key,
        byte[] bundle,
        string dockerReference,
        string expectedDigest,
        IReadOnlyDictionary<string, string> requiredAnnotations)
    {
        try
        {
            using var document = JsonDocument.Parse(bundle);
            var root = document.RootElement;
            var mediaType = root.GetProperty("mediaType").GetString() ?? string.Empty;
            if (!mediaType.StartsWith(MediaTypePrefix, StringComparison.Ordinal) || mediaType.Contains("v0.1", StringComparison.Ordinal)
                || mediaType.Contains("v0.2", StringComparison.Ordinal))
            {
                return (null, $"unsupported bundle media type {mediaType}");
            }

            if (!root.TryGetProperty("dsseEnvelope", out var envelope))
            {
                return (null, "bundle has no DSSE envelope (message signatures are not image signatures)");
            }

            var payloadType = envelope.GetProperty("payloadType").GetString() ?? string.Empty;
            var statement = envelope.GetProperty("payload").GetBytesFromBase64();
            var pae = PreAuthenticationEncoding(payloadType, statement);
            var signed = envelope.GetProperty("signatures").EnumerateArray()
                .Any(s => EcdsaSignatures.Verify(key, pae, s.GetProperty("sig").GetBytesFromBase64()));
            if (!signed)
            {
                return (null, "invalid signature when validating the DSSE envelope");
            }

            if (payloadType != InTotoPayloadType)
            {
                return (null, $"unexpected DSSE payload type {payloadType}");
            }

            return CheckStatement(statement, dockerReference, expectedDigest, requiredAnnotations);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, "malformed bundle: " + ex.Message);
        }
    }

    /// <summary>DSSE v1 PAE: "DSSEv1 &lt;len(type)&gt; &lt;type&gt; &lt;len(body)&gt; &lt;body&gt;", lengths in decimal bytes.</summary>
    public static byte[] PreAuthenticationEncoding(string payloadType, byte[] body)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} {payloadType} {body.Length} "));
        return [.. header, .. body];
    }

    private static (byte[]? Payload, string? Failure) CheckStatement(
        byte[] statement, string dockerReference, string expectedDigest, IReadOnlyDictionary<string, string> requiredAnnotations)
    {
        using var document = JsonDocument.Parse(statement);
        var root = document.RootElement;
        if (root.GetProperty("_type").GetString() != StatementType)
        {
            return (null, "DSSE payload is not an in-toto v1 statement");
        }

        var hex = expectedDigest[Digests.Sha256Prefix.Length..];
        foreach (var subject in root.GetProperty("subject").EnumerateArray())
        {
            if (!subject.TryGetProperty("digest", out var digests) || !digests.TryGetProperty("sha256", out var sha)
                || !string.Equals(sha.GetString(), hex, StringComparison.Ordinal))
            {
                continue;
            }

            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (subject.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in a.EnumerateObject())
                {
                    annotations[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            foreach (var (k, v) in requiredAnnotations)
            {
                if (!annotations.TryGetValue(k, out var actual) || actual != v)
                {
                    return (null, $"missing or incorrect annotation {k}={v}");
                }
            }

            // cosign prints verified bundles as simple-signing payloads with type = predicateType.
            var predicateType = root.TryGetProperty("predicateType", out var p) ? p.GetString() ?? string.Empty : string.Empty;
            var payload = "{\"critical\":{\"identity\":{\"docker-reference\":" + GoJson.Quote(dockerReference)
                + "},\"image\":{\"docker-manifest-digest\":" + GoJson.Quote(expectedDigest)
                + "},\"type\":" + GoJson.Quote(predicateType) + "},\"optional\":"
                + (annotations.Count == 0 ? "null" : GoJson.Object(annotations)) + "}";
            return (Encoding.UTF8.GetBytes(payload), null);
        }

        return (null, $"no in-toto subject matches the image digest {expectedDigest}");
    }
}
