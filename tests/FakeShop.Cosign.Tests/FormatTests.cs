using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign.Tests;

/// <summary>Byte-exactness of what we write, against real cosign output.</summary>
public class FormatTests
{
    [Theory]
    [InlineData("cimage-key-valid", "192.168.64.2:5000/cosign-signed-single-sample")]
    [InlineData("cimage-key-rekor", "192.168.64.2:5000/cosign-signed/key-1")]
    public void Payload_is_byte_identical_to_the_one_cosign_signed(string vector, string dockerReference)
    {
        var digest = Digests.Sha256(TestData.Bytes(vector, "manifest.json"));

        var payload = SimpleSigningPayload.Create(dockerReference, digest, annotations: null);

        Assert.Equal(TestData.Bytes(vector, "payload.json"), payload);
    }

    [Fact]
    public void Annotations_go_to_optional_sorted_like_a_Go_map_with_Go_escaping()
    {
        var payload = SimpleSigningPayload.Create("127.0.0.1:5000/shop", "sha256:" + new string('a', 64),
            new Dictionary<string, string> { ["z"] = "<&>", ["a"] = "caf\u00e9 \"q\"\n" });

        Assert.Equal(
            "{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5000/shop\"},\"image\":{\"docker-manifest-digest\":\"sha256:"
            + new string('a', 64) + "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"a\":\"caf\u00e9 \\\"q\\\"\\n\",\"z\":\"\\u003c\\u0026\\u003e\"}}",
            Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public void Config_blob_is_the_go_containerregistry_empty_image_with_one_diff_id_per_layer()
    {
        var payloadDigest = Digests.Sha256(TestData.Bytes("cimage-key-valid", "payload.json"));

        var config = SignatureImageConfig.Create([payloadDigest]);

        Assert.Equal(
            "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
            + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + payloadDigest + "\"]},\"config\":{}}",
            Encoding.UTF8.GetString(config));
        // cosign v3.0.4's one-layer config is 233 bytes (cosign-format.md): same layout, same size.
        Assert.Equal(233, config.Length);
        // A second layer adds one history entry (35 bytes) and one quoted diff_id with its comma (74 bytes).
        Assert.Equal(233 + 35 + 74, SignatureImageConfig.Create([payloadDigest, payloadDigest]).Length);
    }

    [Fact]
    public void Signature_manifest_has_cosign_layout_and_its_config_descriptor_hashes_the_config_blob()
    {
        var payload = TestData.Bytes("cimage-key-valid", "payload.json");
        var signature = TestData.Text("cimage-key-valid", "signature.b64").Trim();
        var layer = new OciDescriptor(SimpleSigningPayload.MediaType, payload.Length, Digests.Sha256(payload),
            new Dictionary<string, string> { [SignatureManifest.SignatureAnnotation] = signature });

        var (manifest, configBlob) = SignatureManifest.ForLayers([layer]);
        var bytes = manifest.ToBytes();

        Assert.Equal(Digests.Sha256(configBlob), manifest.Config.Digest);
        Assert.Equal(configBlob.Length, manifest.Config.Size);
        Assert.Equal(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":233,\"digest\":\""
            + Digests.Sha256(configBlob) + "\"},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":" + payload.Length
            + ",\"digest\":\"" + Digests.Sha256(payload) + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + signature + "\"}}]}",
            Encoding.UTF8.GetString(bytes));
        var parsed = SignatureManifest.Parse(bytes);
        Assert.Equal(bytes, parsed.ToBytes());
    }

    [Fact]
    public void Signature_tag_follows_cosign_naming()
    {
        var digest = "sha256:" + new string('0', 63) + "f";

        Assert.Equal("sha256-" + new string('0', 63) + "f.sig", Digests.SignatureTag(digest));
        Assert.True(Digests.IsSha256(digest));
        Assert.False(Digests.IsSha256("sha256:" + new string('A', 64)));
        Assert.False(Digests.IsSha256("sha512:" + new string('a', 64)));
    }

    [Fact]
    public void Verify_output_payloads_parse_back_as_json()
    {
        var payload = SimpleSigningPayload.Create("r/x", "sha256:" + new string('b', 64), new Dictionary<string, string> { ["k"] = "v" });

        using var document = JsonDocument.Parse(payload);

        Assert.Equal("v", document.RootElement.GetProperty("optional").GetProperty("k").GetString());
        Assert.Null(SimpleSigningPayload.CheckClaims(payload, "sha256:" + new string('b', 64), new Dictionary<string, string> { ["k"] = "v" }));
    }
}
