using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign.Tests;

/// <summary>
/// Offline transparency-log checks: the real Rekor bundle of cimage-key-rekor (public-good Rekor key), and a
/// registry round trip with a Rekor key of our own.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class RekorBundleTests
{
    private const string Vector = "cimage-key-rekor";
    private readonly RegistryFixture _registry;

    public RekorBundleTests(RegistryFixture registry) => _registry = registry;

    [Fact]
    public void Real_rekor_bundle_verifies_offline_with_the_public_good_rekor_key()
    {
        using var rekor = EcdsaSignatures.LoadPublicKey(TestData.Text(Vector, "rekor.pub"));
        using var signer = EcdsaSignatures.LoadPublicKey(TestData.Text(Vector, "cosign2.pub"));

        var failure = RekorBundle.Check(rekor, TestData.Text(Vector, "rekor-bundle.json"), TestData.Bytes(Vector, "payload.json"),
            TestData.Text(Vector, "signature.b64").Trim(), signer);

        Assert.Null(failure);
    }

    [Fact]
    public void Real_signature_layer_with_its_bundle_passes_the_tlog_requirement()
    {
        using var rekor = EcdsaSignatures.LoadPublicKey(TestData.Text(Vector, "rekor.pub"));
        using var signer = EcdsaSignatures.LoadPublicKey(TestData.Text(Vector, "cosign2.pub"));
        var payload = TestData.Bytes(Vector, "payload.json");
        var annotations = new Dictionary<string, string> { [SignatureManifest.SignatureAnnotation] = TestData.Text(Vector, "signature.b64").Trim() };
        var withoutBundle = new OciDescriptor(SimpleSigningPayload.MediaType, payload.Length, Digests.Sha256(payload), annotations);
        var withBundle = withoutBundle with
        {
            Annotations = new Dictionary<string, string>(annotations) { [SignatureManifest.BundleAnnotation] = TestData.Text(Vector, "rekor-bundle.json") },
        };
        var digest = Digests.Sha256(TestData.Bytes(Vector, "manifest.json"));

        Assert.Null(SignatureLayer.Check(signer, withBundle, payload, digest, new Dictionary<string, string>(), rekor));
        Assert.Contains("no transparency log bundle", SignatureLayer.Check(signer, withoutBundle, payload, digest, new Dictionary<string, string>(), rekor));
    }

    [Fact]
    public void Altered_or_mismatched_bundles_are_rejected()
    {
        using var rekor = EcdsaSignatures.LoadPublicKey(TestData.Text(Vector, "rekor.pub"));
        using var signer = EcdsaSignatures.LoadPublicKey(TestData.Text(Vector, "cosign2.pub"));
        using var otherKey = EcdsaSignatures.LoadPublicKey(TestData.Text("cimage-key-valid", "cosign.pub"));
        var bundle = TestData.Text(Vector, "rekor-bundle.json");
        var payload = TestData.Bytes(Vector, "payload.json");
        var signature = TestData.Text(Vector, "signature.b64").Trim();
        var laterTime = bundle.Replace("\"integratedTime\":1674251859", "\"integratedTime\":1674251860", StringComparison.Ordinal);
        Assert.NotEqual(bundle, laterTime);

        Assert.Contains("does not verify", RekorBundle.Check(rekor, laterTime, payload, signature, signer));
        Assert.Contains("does not verify", RekorBundle.Check(otherKey, bundle, payload, signature, signer));
        Assert.Equal("transparency log entry is for another payload", RekorBundle.Check(rekor, bundle, [.. payload, (byte)' '], signature, signer));
        Assert.Equal("transparency log entry is for another signature",
            RekorBundle.Check(rekor, bundle, payload, TestData.Text("cimage-key-valid", "signature.b64").Trim(), signer));
        Assert.Equal("transparency log entry is for another public key", RekorBundle.Check(rekor, bundle, payload, signature, otherKey));
    }

    [RegistryFact]
    public async Task Verify_with_a_rekor_key_requires_a_logged_signature()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "rekor/app", "v1", "rekor app");
        var image = $"{_registry.Address}/rekor/app:v1";
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.Password(RegistryFixture.Password), "sign", "--key", _registry.KeyPrefix + ".key", image)).ExitCode);
        using var rekor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rekorPub = Path.Combine(_registry.WorkDirectory, "rekor-test.pub");
        await File.WriteAllTextAsync(rekorPub, EcdsaSignatures.ExportPublicKeyPem(rekor));
        var environment = new Dictionary<string, string> { [RekorBundle.PublicKeyEnvironmentVariable] = rekorPub };

        var unlogged = await CliRunner.RunAsync(environment, "verify", "--key", _registry.KeyPrefix + ".pub", image);

        // Add a bundle as if Rekor had logged the signature, in the layer's annotations.
        var tag = Digests.SignatureTag(digest);
        var manifest = SignatureManifest.Parse((await client.GetManifestAsync("rekor/app", tag, CancellationToken.None))!.Content);
        var layer = Assert.Single(manifest.Layers);
        var payload = await client.GetBlobAsync("rekor/app", layer.Digest, CancellationToken.None);
        var signature = layer.Annotations![SignatureManifest.SignatureAnnotation];
        var bundle = FakeRekorBundle(rekor, payload, signature, await File.ReadAllTextAsync(_registry.KeyPrefix + ".pub"));
        var logged = manifest with
        {
            Layers = [layer with { Annotations = new Dictionary<string, string>(layer.Annotations) { [SignatureManifest.BundleAnnotation] = bundle } }],
        };
        await client.PutManifestAsync("rekor/app", tag, logged.ToBytes(), SignatureManifest.MediaType, CancellationToken.None);
        var verified = await CliRunner.RunAsync(environment, "verify", "--key", _registry.KeyPrefix + ".pub", image);

        Assert.Equal(1, unlogged.ExitCode);
        Assert.Contains("no transparency log bundle", unlogged.Error);
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.Contains("  - Existence of the claims in the transparency log was verified offline", verified.Error);
        Assert.DoesNotContain("WARNING: Skipping tlog verification", verified.Error);
    }

    /// <summary>What Rekor returns for a hashedrekord entry, signed with a test "Rekor" key.</summary>
    private static string FakeRekorBundle(ECDsa rekor, byte[] payload, string signature, string signerPem)
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
            + Convert.ToHexStringLower(SHA256.HashData(payload)) + "\"}},\"signature\":{\"content\":\"" + signature
            + "\",\"publicKey\":{\"content\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(signerPem)) + "\"}}}}"));
        var logId = Convert.ToHexStringLower(SHA256.HashData(rekor.ExportSubjectPublicKeyInfo()));
        var canonical = "{\"body\":\"" + body + "\",\"integratedTime\":1764300000,\"logID\":\"" + logId + "\",\"logIndex\":42}";
        var set = Convert.ToBase64String(EcdsaSignatures.Sign(rekor, Encoding.UTF8.GetBytes(canonical)));
        return JsonSerializer.Serialize(new
        {
            SignedEntryTimestamp = set,
            Payload = new { body, integratedTime = 1764300000, logIndex = 42, logID = logId },
        });
    }
}
