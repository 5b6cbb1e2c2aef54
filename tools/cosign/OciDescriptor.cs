using System.Globalization;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>An OCI content descriptor: what a manifest says about one blob.</summary>
internal sealed record OciDescriptor(string MediaType, long Size, string Digest, IReadOnlyDictionary<string, string>? Annotations = null)
{
    /// <summary>Same field order and omission of empty annotations as go-containerregistry's v1.Descriptor.</summary>
    public string ToJson()
    {
        var json = "{\"mediaType\":" + GoJson.Quote(MediaType)
            + ",\"size\":" + Size.ToString(CultureInfo.InvariantCulture)
            + ",\"digest\":" + GoJson.Quote(Digest);
        if (Annotations is { Count: > 0 })
        {
            json += ",\"annotations\":" + GoJson.Object(Annotations);
        }

        return json + "}";
    }

    public static OciDescriptor Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CosignException("malformed manifest: a descriptor is not a JSON object");
        }

        var mediaType = element.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
        var size = element.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : -1;
        if (!element.TryGetProperty("digest", out var d) || d.ValueKind != JsonValueKind.String)
        {
            throw new CosignException("malformed manifest: a descriptor has no digest");
        }

        Dictionary<string, string>? annotations = null;
        if (element.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in a.EnumerateObject())
            {
                annotations[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }
        }

        return new OciDescriptor(mediaType, size, d.GetString()!, annotations);
    }
}
