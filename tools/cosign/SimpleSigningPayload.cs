using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>
/// The "simple signing" payload cosign signs for an image. The bytes must be exactly what Go's json.Marshal
/// of cosign's structs gives (compact, fixed key order, <c>"optional":null</c> without annotations), because
/// the signature covers these bytes and other verifiers re-read them.
/// </summary>
internal static class SimpleSigningPayload
{
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";
    public const string SignatureType = "cosign container image signature";

    public static byte[] Create(string dockerReference, string manifestDigest, IReadOnlyDictionary<string, string>? annotations)
    {
        var optional = annotations is null || annotations.Count == 0 ? "null" : GoJson.Object(annotations);
        var json = "{\"critical\":{\"identity\":{\"docker-reference\":" + GoJson.Quote(dockerReference)
            + "},\"image\":{\"docker-manifest-digest\":" + GoJson.Quote(manifestDigest)
            + "},\"type\":" + GoJson.Quote(SignatureType)
            + "},\"optional\":" + optional + "}";
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>
    /// Checks the claims the way cosign's SimpleClaimVerifier does: the signed manifest digest must be the
    /// one we resolved, and every requested annotation must be present with the same value. The type and
    /// docker-reference are deliberately not checked (cosign ignores them, so images can be copied).
    /// </summary>
    /// <returns>null when the claims hold, otherwise why they do not.</returns>
    public static string? CheckClaims(byte[] payload, string expectedDigest, IReadOnlyDictionary<string, string> requiredAnnotations)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            return "payload is not valid JSON: " + ex.Message;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("critical", out var critical) || critical.ValueKind != JsonValueKind.Object
                || !critical.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.Object
                || !image.TryGetProperty("docker-manifest-digest", out var digest) || digest.ValueKind != JsonValueKind.String)
            {
                return "payload has no critical.image.docker-manifest-digest";
            }

            if (!string.Equals(digest.GetString(), expectedDigest, StringComparison.Ordinal))
            {
                return $"invalid or missing digest in claim: {digest.GetString()}";
            }

            foreach (var (key, value) in requiredAnnotations)
            {
                if (!root.TryGetProperty("optional", out var optional) || optional.ValueKind != JsonValueKind.Object
                    || !optional.TryGetProperty(key, out var actual)
                    || !string.Equals(AsText(actual), value, StringComparison.Ordinal))
                {
                    return $"missing or incorrect annotation {key}={value}";
                }
            }
        }

        return null;
    }

    private static string AsText(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText();
}
