using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign.Tests;

/// <summary>Sign and verify through a real docker-registry, including the attacks verification must stop.</summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistrySigningTests
{
    private readonly RegistryFixture _registry;

    public RegistrySigningTests(RegistryFixture registry) => _registry = registry;

    [RegistryFact]
    public async Task Sign_by_tag_signs_the_resolved_digest_and_verify_accepts_it()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "shop/web", "v1", "web v1");
        var image = $"{_registry.Address}/shop/web:v1";

        var signed = await SignAsync(image);
        var verified = await VerifyAsync(image, _registry.KeyPrefix + ".pub");

        Assert.True(signed.ExitCode == 0, signed.Error + _registry.Log);
        Assert.Equal($"{_registry.Address}/shop/web@{digest}", signed.Out.Trim());
        Assert.Contains($"Pushing signature to: {_registry.Address}/shop/web", signed.Error);
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.Contains($"Verification for {image} --", verified.Error);
        Assert.Contains("  - The cosign claims were validated", verified.Error);
        Assert.Contains("  - The signatures were verified against the specified public key", verified.Error);
        Assert.Contains(VerifyCommand.TlogWarning, verified.Error);
        using var output = JsonDocument.Parse(verified.Out);
        var payload = Assert.Single(output.RootElement.EnumerateArray());
        Assert.Equal(digest, payload.GetProperty("critical").GetProperty("image").GetProperty("docker-manifest-digest").GetString());
        Assert.Equal($"{_registry.Address}/shop/web", payload.GetProperty("critical").GetProperty("identity").GetProperty("docker-reference").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("optional").ValueKind);
    }

    [RegistryFact]
    public async Task Stored_signature_image_has_cosign_layout()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "shop/layout", "v1", "layout v1");
        Assert.Equal(0, (await SignAsync($"{_registry.Address}/shop/layout:v1")).ExitCode);

        var stored = await client.GetManifestAsync("shop/layout", "sha256-" + digest[7..] + ".sig", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(SignatureManifest.MediaType, stored.MediaType);
        var manifest = SignatureManifest.Parse(stored.Content);
        Assert.Equal(stored.Content, manifest.ToBytes());
        var layer = Assert.Single(manifest.Layers);
        Assert.Equal(SimpleSigningPayload.MediaType, layer.MediaType);
        var payload = await client.GetBlobAsync("shop/layout", layer.Digest, CancellationToken.None);
        var config = await client.GetBlobAsync("shop/layout", manifest.Config.Digest, CancellationToken.None);
        Assert.Equal(SimpleSigningPayload.Create($"{_registry.Address}/shop/layout", digest, null), payload);
        Assert.Equal(SignatureImageConfig.Create([layer.Digest]), config);
        Assert.Equal(Digests.Sha256(config), manifest.Config.Digest);
    }

    [RegistryFact]
    public async Task Verify_fails_for_an_unsigned_image()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "shop/unsigned", "v1", "unsigned");

        var result = await VerifyAsync($"{_registry.Address}/shop/unsigned:v1", _registry.KeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no signatures found", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    [RegistryFact]
    public async Task Verify_fails_once_the_tag_points_to_another_image_but_the_signed_digest_still_verifies()
    {
        using var client = _registry.CreateClient();
        var signedDigest = await TestImages.PushAsync(client, "shop/moving", "v1", "original");
        Assert.Equal(0, (await SignAsync($"{_registry.Address}/shop/moving:v1")).ExitCode);

        await TestImages.PushAsync(client, "shop/moving", "v1", "replacement pushed after signing");
        var byTag = await VerifyAsync($"{_registry.Address}/shop/moving:v1", _registry.KeyPrefix + ".pub");
        var byDigest = await VerifyAsync($"{_registry.Address}/shop/moving@{signedDigest}", _registry.KeyPrefix + ".pub");

        Assert.Equal(1, byTag.ExitCode);
        Assert.Contains("no signatures found", byTag.Error);
        Assert.Equal(0, byDigest.ExitCode);
    }

    [RegistryFact]
    public async Task Verify_rejects_a_valid_signature_copied_onto_another_image()
    {
        using var client = _registry.CreateClient();
        var signedDigest = await TestImages.PushAsync(client, "shop/replay", "good", "good image");
        var evilDigest = await TestImages.PushAsync(client, "shop/replay", "evil", "evil image");
        Assert.Equal(0, (await SignAsync($"{_registry.Address}/shop/replay:good")).ExitCode);

        var signatures = await client.GetManifestAsync("shop/replay", Digests.SignatureTag(signedDigest), CancellationToken.None);
        await client.PutManifestAsync("shop/replay", Digests.SignatureTag(evilDigest), signatures!.Content, SignatureManifest.MediaType, CancellationToken.None);
        var result = await VerifyAsync($"{_registry.Address}/shop/replay:evil", _registry.KeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no matching signatures", result.Error);
        Assert.Contains("invalid or missing digest in claim", result.Error);
    }

    [RegistryFact]
    public async Task Verify_fails_with_another_public_key()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "shop/wrongkey", "v1", "wrong key");
        Assert.Equal(0, (await SignAsync($"{_registry.Address}/shop/wrongkey:v1")).ExitCode);

        var result = await VerifyAsync($"{_registry.Address}/shop/wrongkey:v1", _registry.OtherKeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no matching signatures", result.Error);
        Assert.Contains("invalid signature", result.Error);
    }

    [RegistryFact]
    public async Task Verify_fails_when_the_signed_payload_is_replaced()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "shop/tampered", "v1", "tampered");
        Assert.Equal(0, (await SignAsync($"{_registry.Address}/shop/tampered:v1")).ExitCode);

        // Rewrite the .sig manifest: same signature annotation, but a payload blob with one more annotation.
        var tag = Digests.SignatureTag(digest);
        var original = SignatureManifest.Parse((await client.GetManifestAsync("shop/tampered", tag, CancellationToken.None))!.Content);
        var layer = Assert.Single(original.Layers);
        var payload = await client.GetBlobAsync("shop/tampered", layer.Digest, CancellationToken.None);
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("\"optional\":null", "\"optional\":{\"approved\":\"yes\"}", StringComparison.Ordinal));
        Assert.NotEqual(payload, forged);
        var forgedLayer = layer with { Digest = Digests.Sha256(forged), Size = forged.Length };
        var (manifest, config) = SignatureManifest.ForLayers([forgedLayer]);
        await client.UploadBlobAsync("shop/tampered", forged, CancellationToken.None);
        await client.UploadBlobAsync("shop/tampered", config, CancellationToken.None);
        await client.PutManifestAsync("shop/tampered", tag, manifest.ToBytes(), SignatureManifest.MediaType, CancellationToken.None);

        var result = await VerifyAsync($"{_registry.Address}/shop/tampered:v1", _registry.KeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no matching signatures", result.Error);
        Assert.Contains("invalid signature when validating ASN.1 encoded signature", result.Error);
    }

    [RegistryFact]
    public async Task Second_key_appends_a_layer_and_re_signing_with_the_same_key_adds_nothing()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "shop/multi", "v1", "multi");
        var image = $"{_registry.Address}/shop/multi:v1";

        Assert.Equal(0, (await SignAsync(image)).ExitCode);
        var again = await SignAsync(image);
        Assert.Equal(0, (await SignAsync(image, _registry.OtherKeyPrefix)).ExitCode);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already carries this signature", again.Error);
        var stored = await client.GetManifestAsync("shop/multi", Digests.SignatureTag(digest), CancellationToken.None);
        var manifest = SignatureManifest.Parse(stored!.Content);
        Assert.Equal(2, manifest.Layers.Count);
        Assert.Equal(0, (await VerifyAsync(image, _registry.KeyPrefix + ".pub")).ExitCode);
        Assert.Equal(0, (await VerifyAsync(image, _registry.OtherKeyPrefix + ".pub")).ExitCode);
    }

    [RegistryFact]
    public async Task Annotations_are_signed_and_enforced_at_verification()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "shop/annotated", "v1", "annotated");
        var image = $"{_registry.Address}/shop/annotated:v1";
        Assert.Equal(0, (await SignAsync(image, extra: ["-a", "env=prod"])).ExitCode);

        var matching = await VerifyAsync(image, _registry.KeyPrefix + ".pub", "-a", "env=prod");
        var other = await VerifyAsync(image, _registry.KeyPrefix + ".pub", "-a", "env=dev");

        Assert.Equal(0, matching.ExitCode);
        Assert.Contains("\"optional\":{\"env\":\"prod\"}", matching.Out);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("missing or incorrect annotation env=dev", other.Error);
    }

    [RegistryFact]
    public async Task Signing_a_missing_image_fails_and_pushes_nothing()
    {
        var result = await SignAsync($"{_registry.Address}/shop/absent:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not found", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    private Task<CliRunner.Outcome> SignAsync(string image, string? keyPrefix = null, string[]? extra = null) =>
        CliRunner.RunAsync(CliRunner.Password(RegistryFixture.Password),
            ["sign", "--key", (keyPrefix ?? _registry.KeyPrefix) + ".key", "--tlog-upload=false", .. extra ?? [], image]);

    private static Task<CliRunner.Outcome> VerifyAsync(string image, string publicKey, params string[] extra) =>
        CliRunner.RunAsync(null, ["verify", "--key", publicKey, "--insecure-ignore-tlog", .. extra, image]);
}
