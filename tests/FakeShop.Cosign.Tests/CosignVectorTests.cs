using System.Text;

namespace FakeShop.Cosign.Tests;

/// <summary>Real signatures made by cosign (containers/image fixtures) must verify, and altered ones must not.</summary>
public class CosignVectorTests
{
    public static TheoryData<string, string> Vectors => new()
    {
        { "cimage-key-valid", "cosign.pub" },
        { "cimage-key-rekor", "cosign2.pub" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Real_cosign_signature_verifies_as_a_signature_layer(string vector, string publicKey)
    {
        var (layer, payload, digest) = Load(vector);
        using var key = EcdsaSignatures.LoadPublicKey(TestData.Text(vector, publicKey));

        Assert.Null(SignatureLayer.Check(key, layer, payload, digest, new Dictionary<string, string>()));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Manifest_digest_is_the_one_claimed_by_the_payload(string vector, string publicKey)
    {
        _ = publicKey;
        var (_, payload, digest) = Load(vector);

        Assert.Contains($"\"docker-manifest-digest\":\"{digest}\"", Encoding.UTF8.GetString(payload));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Tampered_payload_is_rejected(string vector, string publicKey)
    {
        var (layer, payload, digest) = Load(vector);
        using var key = EcdsaSignatures.LoadPublicKey(TestData.Text(vector, publicKey));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("\"optional\":null", "\"optional\":{}", StringComparison.Ordinal));
        Assert.NotEqual(payload, tampered);
        var honestDescriptor = layer with { Digest = Digests.Sha256(tampered), Size = tampered.Length };

        Assert.Equal("invalid signature when validating ASN.1 encoded signature",
            SignatureLayer.Check(key, honestDescriptor, tampered, digest, new Dictionary<string, string>()));
        Assert.Contains("does not match its digest", SignatureLayer.Check(key, layer, tampered, digest, new Dictionary<string, string>()));
    }

    [Fact]
    public void Signature_from_another_key_is_rejected()
    {
        var (layer, payload, digest) = Load("cimage-key-valid");
        using var otherKey = EcdsaSignatures.LoadPublicKey(TestData.Text("cimage-key-rekor", "cosign2.pub"));

        Assert.Equal("invalid signature when validating ASN.1 encoded signature",
            SignatureLayer.Check(otherKey, layer, payload, digest, new Dictionary<string, string>()));
    }

    [Fact]
    public void Valid_signature_for_another_image_is_rejected_by_the_claim_check()
    {
        var (layer, payload, _) = Load("cimage-key-valid");
        using var key = EcdsaSignatures.LoadPublicKey(TestData.Text("cimage-key-valid", "cosign.pub"));
        var otherImage = Digests.Sha256("another manifest"u8);

        Assert.StartsWith("invalid or missing digest in claim",
            SignatureLayer.Check(key, layer, payload, otherImage, new Dictionary<string, string>()));
    }

    [Fact]
    public void Required_annotation_missing_from_payload_is_rejected()
    {
        var (layer, payload, digest) = Load("cimage-key-valid");
        using var key = EcdsaSignatures.LoadPublicKey(TestData.Text("cimage-key-valid", "cosign.pub"));

        Assert.Equal("missing or incorrect annotation env=prod",
            SignatureLayer.Check(key, layer, payload, digest, new Dictionary<string, string> { ["env"] = "prod" }));
    }

    [Fact]
    public void Signature_file_in_containers_image_format_carries_the_same_payload_and_signature()
    {
        // signature-1 is what containers/image stored: "\0sigstore-json" then JSON. Cross-check the derived files.
        var raw = TestData.Bytes("cimage-key-valid", "signature-1");
        var json = Encoding.UTF8.GetString(raw[(raw.AsSpan().IndexOf((byte)'{'))..]);
        using var document = System.Text.Json.JsonDocument.Parse(json);

        Assert.Equal(SimpleSigningPayload.MediaType, document.RootElement.GetProperty("mimeType").GetString());
        Assert.Equal(TestData.Bytes("cimage-key-valid", "payload.json"), document.RootElement.GetProperty("payload").GetBytesFromBase64());
        Assert.Equal(TestData.Text("cimage-key-valid", "signature.b64").Trim(),
            document.RootElement.GetProperty("annotations").GetProperty(SignatureManifest.SignatureAnnotation).GetString());
    }

    [Fact]
    public async Task Verify_blob_command_accepts_the_real_signature_and_rejects_a_wrong_key()
    {
        var ok = await CliRunner.RunAsync(null, "verify-blob", "--key", TestData.PathOf("cimage-key-valid", "cosign.pub"),
            "--signature", TestData.PathOf("cimage-key-valid", "signature.b64"), TestData.PathOf("cimage-key-valid", "payload.json"));
        var wrong = await CliRunner.RunAsync(null, "verify-blob", "--key", TestData.PathOf("cimage-key-rekor", "cosign2.pub"),
            "--signature", TestData.PathOf("cimage-key-valid", "signature.b64"), TestData.PathOf("cimage-key-valid", "payload.json"));

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("invalid signature", wrong.Error);
    }

    private static (OciDescriptor Layer, byte[] Payload, string ManifestDigest) Load(string vector)
    {
        var payload = TestData.Bytes(vector, "payload.json");
        var signature = TestData.Text(vector, "signature.b64").Trim();
        var layer = new OciDescriptor(SimpleSigningPayload.MediaType, payload.Length, Digests.Sha256(payload),
            new Dictionary<string, string> { [SignatureManifest.SignatureAnnotation] = signature });
        return (layer, payload, Digests.Sha256(TestData.Bytes(vector, "manifest.json")));
    }
}
