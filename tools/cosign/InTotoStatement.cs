using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>
/// The in-toto Statement (github.com/in-toto/attestation, spec v1 layer "Statement") that `cosign attest`
/// wraps in DSSE: the subject is the image repository plus its manifest digest, the predicate is the
/// document being attested (here a CycloneDX SBOM, embedded as JSON, not as a string).
/// </summary>
internal static class InTotoStatement
{
    public const string PayloadType = "application/vnd.in-toto+json";

    /// <summary>cosign attest still writes the v0.1 statement type; v1 is accepted on reading.</summary>
    public const string TypeV01 = "https://in-toto.io/Statement/v0.1";
    public const string TypeV1 = "https://in-toto.io/Statement/v1";

    public const string CycloneDxPredicateType = "https://cyclonedx.org/bom";

    /// <summary>cosign's short names for --type; only the SBOM format this project produces is supported.</summary>
    public static string PredicateTypeFor(string type) => type switch
    {
        "cyclonedx" or CycloneDxPredicateType => CycloneDxPredicateType,
        _ => throw new UsageException($"--type {type} is not supported by this tool (only cyclonedx); use the real cosign"),
    };

    /// <param name="repository">registry/repository, without tag or digest, as cosign writes the subject name.</param>
    /// <param name="manifestDigest">"sha256:…" of the image manifest.</param>
    /// <param name="predicateJson">The predicate document; must be a JSON object.</param>
    public static byte[] Create(string repository, string manifestDigest, string predicateType, ReadOnlySpan<byte> predicateJson)
    {
        string predicate;
        try
        {
            var reader = new Utf8JsonReader(predicateJson);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CosignException("the predicate must be a JSON object");
            }

            // Compact re-serialisation: the statement is signed as bytes, its layout only has to be valid JSON.
            predicate = JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new CosignException("the predicate is not valid JSON: " + ex.Message, ex);
        }

        if (!Digests.IsSha256(manifestDigest))
        {
            throw new CosignException($"not a sha256 digest: {manifestDigest}");
        }

        var json = "{\"_type\":" + GoJson.Quote(TypeV01)
            + ",\"subject\":[{\"name\":" + GoJson.Quote(repository)
            + ",\"digest\":{\"sha256\":" + GoJson.Quote(manifestDigest[Digests.Sha256Prefix.Length..]) + "}}]"
            + ",\"predicateType\":" + GoJson.Quote(predicateType)
            + ",\"predicate\":" + predicate + "}";
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>The statement's predicateType, or null when the payload is not a statement.</summary>
    public static string? PredicateTypeOf(byte[] statement)
    {
        try
        {
            using var document = JsonDocument.Parse(statement);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("predicateType", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks the claims as cosign's verify-attestation does: a statement whose subjects include the digest we
    /// resolved. The subject name is not compared (an image copied to another registry keeps its attestations).
    /// </summary>
    /// <returns>null when the statement is about <paramref name="expectedDigest"/>, otherwise why not.</returns>
    public static string? CheckSubject(byte[] statement, string expectedDigest)
    {
        try
        {
            using var document = JsonDocument.Parse(statement);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("_type", out var type) || type.GetString() is not (TypeV01 or TypeV1))
            {
                return "the attestation payload is not an in-toto statement";
            }

            if (!root.TryGetProperty("subject", out var subjects) || subjects.ValueKind != JsonValueKind.Array)
            {
                return "the in-toto statement has no subject";
            }

            var expectedHex = expectedDigest[Digests.Sha256Prefix.Length..];
            foreach (var subject in subjects.EnumerateArray())
            {
                if (subject.ValueKind == JsonValueKind.Object
                    && subject.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.Object
                    && digest.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String
                    && string.Equals(sha.GetString(), expectedHex, StringComparison.Ordinal))
                {
                    return null;
                }
            }

            return $"no matching subject digest found: the attestation is not about {expectedDigest}";
        }
        catch (JsonException ex)
        {
            return "the in-toto statement is not valid JSON: " + ex.Message;
        }
    }

    /// <summary>The predicate as JSON text (what verify.sh prints as the SBOM).</summary>
    public static string PredicateJson(byte[] statement)
    {
        using var document = JsonDocument.Parse(statement);
        return document.RootElement.TryGetProperty("predicate", out var predicate)
            ? predicate.GetRawText()
            : throw new CosignException("the in-toto statement has no predicate");
    }
}
