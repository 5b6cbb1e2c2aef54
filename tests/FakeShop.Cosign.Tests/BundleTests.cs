using System.Security.Cryptography;
using System.Text.Json;

namespace FakeShop.Cosign.Tests;

/// <summary>verify also accepts cosign v3's default format: a Sigstore bundle attached as an OCI referrer.</summary>
[Collection(RegistryCollection.Name)]
public sealed class BundleTests : IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _publicKeyPath = Path.GetTempFileName();

    public BundleTests(RegistryFixture registry)
    {
        _registry = registry;
        File.WriteAllText(_publicKeyPath, EcdsaSignatures.ExportPublicKeyPem(_key));
    }

    public void Dispose()
    {
        _key.Dispose();
        File.Delete(_publicKeyPath);
    }

    [Fact]
    public void Bundle_signature_covers_the_DSSE_pre_authentication_encoding()
    {
        var digest = Digests.Sha256("image"u8);
        var bundle = TestBundles.Create(_key, digest);

        var (payload, failure) = SigstoreBundle.Check(_key, bundle, "r/app", digest, new Dictionary<string, string>());
        var wrongImage = SigstoreBundle.Check(_key, bundle, "r/app", Digests.Sha256("other"u8), new Dictionary<string, string>());
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongKey = SigstoreBundle.Check(otherKey, bundle, "r/app", digest, new Dictionary<string, string>());

        Assert.Null(failure);
        Assert.NotNull(payload);
        Assert.Equal("DSSEv1 3 a/b 2 {}"u8.ToArray(), SigstoreBundle.PreAuthenticationEncoding("a/b", "{}"u8.ToArray()));
        Assert.StartsWith("no in-toto subject matches", wrongImage.Failure);
        Assert.Equal("invalid signature when validating the DSSE envelope", wrongKey.Failure);
    }

    [RegistryFact]
    public async Task Verify_accepts_a_bundle_referrer_and_rejects_it_for_another_key()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "bundles/ok", "v1", "bundle ok");
        var size = (await client.GetManifestAsync("bundles/ok", digest, CancellationToken.None))!.Content.Length;
        await TestBundles.AttachAsync(client, "bundles/ok", digest, size, TestBundles.Create(_key, digest));
        var image = $"{_registry.Address}/bundles/ok:v1";

        var verified = await CliRunner.RunAsync(null, "verify", "--key", _publicKeyPath, "--insecure-ignore-tlog", image);
        var wrongKey = await CliRunner.RunAsync(null, "verify", "--key", _registry.OtherKeyPrefix + ".pub", "--insecure-ignore-tlog", image);

        Assert.True(verified.ExitCode == 0, verified.Error);
        using var output = JsonDocument.Parse(verified.Out);
        var payload = Assert.Single(output.RootElement.EnumerateArray());
        Assert.Equal(digest, payload.GetProperty("critical").GetProperty("image").GetProperty("docker-manifest-digest").GetString());
        Assert.Equal("https://sigstore.dev/cosign/sign/v1", payload.GetProperty("critical").GetProperty("type").GetString());
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("no matching signatures", wrongKey.Error);
    }

    [RegistryFact]
    public async Task Verify_rejects_a_bundle_whose_statement_names_another_image()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "bundles/other", "v1", "bundle target");
        var otherDigest = await TestImages.PushAsync(client, "bundles/other", "v2", "bundle other");
        var size = (await client.GetManifestAsync("bundles/other", digest, CancellationToken.None))!.Content.Length;
        await TestBundles.AttachAsync(client, "bundles/other", digest, size, TestBundles.Create(_key, otherDigest));

        var result = await CliRunner.RunAsync(null, "verify", "--key", _publicKeyPath, "--insecure-ignore-tlog", $"{_registry.Address}/bundles/other:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no in-toto subject matches the image digest", result.Error);
    }
}
