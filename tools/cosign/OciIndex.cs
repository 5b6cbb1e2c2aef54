using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>Reads the "manifests" of an OCI image index, which is also the shape of a referrers list.</summary>
internal static class OciIndex
{
    public const string MediaType = "application/vnd.oci.image.index.v1+json";

    public static IReadOnlyList<OciDescriptor> Manifests(byte[] index)
    {
        try
        {
            using var document = JsonDocument.Parse(index);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("manifests", out var manifests)
                && manifests.ValueKind == JsonValueKind.Array
                ? manifests.EnumerateArray().Select(OciDescriptor.Parse).ToList()
                : [];
        }
        catch (JsonException ex)
        {
            throw new CosignException("malformed referrers index: " + ex.Message, ex);
        }
    }
}
