using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>
/// DSSE (Dead Simple Signing Envelope, github.com/secure-systems-lab/dsse, protocol.md and envelope.md): the
/// signature covers the pre-authentication encoding of the payload type and the payload bytes, never the
/// envelope's JSON, so the envelope can be re-serialised without breaking signatures and a payload cannot be
/// reinterpreted as another type.
/// </summary>
internal sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    /// <summary>The layer media type cosign gives an attestation (the envelope is the layer's blob).</summary>
    public const string MediaType = "application/vnd.dsse.envelope.v1+json";

    /// <summary>
    /// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN being the byte length in ASCII
    /// decimal without leading zeros.
    /// </summary>
    public static byte[] PreAuthenticationEncoding(string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        var result = new byte[header.Length + type.Length + middle.Length + payload.Length];
        header.CopyTo(result, 0);
        type.CopyTo(result, header.Length);
        middle.CopyTo(result, header.Length + type.Length);
        payload.CopyTo(result.AsSpan(header.Length + type.Length + middle.Length));
        return result;
    }

    public static DsseEnvelope Sign(System.Security.Cryptography.ECDsa key, string payloadType, byte[] payload) =>
        new(payloadType, payload, [new DsseSignature(string.Empty, EcdsaSignatures.Sign(key, PreAuthenticationEncoding(payloadType, payload)))]);

    /// <summary>Whether at least one signature verifies with <paramref name="key"/> (DSSE: any recognised signer suffices).</summary>
    public bool IsSignedBy(System.Security.Cryptography.ECDsa key)
    {
        var pae = PreAuthenticationEncoding(PayloadType, Payload);
        return Signatures.Any(s => EcdsaSignatures.Verify(key, pae, s.Sig));
    }

    /// <summary>
    /// The bytes cosign stores: Go's json.Marshal of the sigstore protobuf Envelope struct, i.e. fields in proto
    /// order (payload, payloadType, signatures), bytes as standard base64 and an empty keyid omitted.
    /// </summary>
    public byte[] ToBytes()
    {
        var signatures = Signatures.Select(s =>
            "{\"sig\":" + GoJson.Quote(Convert.ToBase64String(s.Sig))
            + (s.KeyId.Length == 0 ? string.Empty : ",\"keyid\":" + GoJson.Quote(s.KeyId)) + "}");
        var json = "{\"payload\":" + GoJson.Quote(Convert.ToBase64String(Payload))
            + ",\"payloadType\":" + GoJson.Quote(PayloadType)
            + ",\"signatures\":[" + string.Join(",", signatures) + "]}";
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Reads an envelope in any field order (other writers, e.g. older cosign, put payloadType first).</summary>
    public static DsseEnvelope Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CosignException("DSSE envelope is not a JSON object");
            }

            var payload = Convert.FromBase64String(RequiredString(root, "payload"));
            var payloadType = RequiredString(root, "payloadType");
            var signatures = new List<DsseSignature>();
            if (root.TryGetProperty("signatures", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in list.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var keyId = entry.TryGetProperty("keyid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : string.Empty;
                    signatures.Add(new DsseSignature(keyId, Convert.FromBase64String(RequiredString(entry, "sig"))));
                }
            }

            return new DsseEnvelope(payloadType, payload, signatures);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new CosignException("malformed DSSE envelope: " + ex.Message, ex);
        }
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CosignException($"malformed DSSE envelope: no \"{name}\" string");
}

/// <summary>One DSSE signature; <see cref="Sig"/> is cosign's ASN.1 DER ECDSA signature over the PAE.</summary>
internal sealed record DsseSignature(string KeyId, byte[] Sig);
