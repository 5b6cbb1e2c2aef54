using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>
/// The OCI image manifest stored at tag "sha256-&lt;hex&gt;.sig": one layer per signature, each layer being a
/// simple-signing payload with its base64 signature in an annotation. Written with the same bytes layout as
/// cosign so that cosign, Kyverno and policy-controller read our signatures.
/// </summary>
internal sealed record SignatureManifest(OciDescriptor Config, IReadOnlyList<OciDescriptor> Layers)
{
    public const string MediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";
    public const string BundleAnnotation = "dev.sigstore.cosign/bundle";

    /// <summary>cosign refuses to grow a signature image past this many layers; so do we.</summary>
    public const int MaxLayers = 1000;

    public byte[] ToBytes()
    {
        var json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType + "\",\"config\":" + Config.ToJson()
            + ",\"layers\":[" + string.Join(",", Layers.Select(l => l.ToJson())) + "]}";
        return Encoding.UTF8.GetBytes(json);
    }

    public static SignatureManifest Parse(byte[] manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("config", out var config))
            {
                throw new CosignException("malformed signature manifest: no config");
            }

            var layers = root.TryGetProperty("layers", out var l) && l.ValueKind == JsonValueKind.Array
                ? l.EnumerateArray().Select(OciDescriptor.Parse).ToList()
                : [];
            return new SignatureManifest(OciDescriptor.Parse(config), layers);
        }
        catch (JsonException ex)
        {
            throw new CosignException("malformed signature manifest: " + ex.Message, ex);
        }
    }

    /// <summary>Builds the manifest (and its config blob) for a list of payload layers.</summary>
    public static (SignatureManifest Manifest, byte[] ConfigBlob) ForLayers(IReadOnlyList<OciDescriptor> layers)
    {
        var configBlob = SignatureImageConfig.Create(layers.Select(l => l.Digest).ToList());
        var config = new OciDescriptor(SignatureImageConfig.MediaType, configBlob.Length, Digests.Sha256(configBlob));
        return (new SignatureManifest(config, layers), configBlob);
    }
}
