using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign.Tests;

/// <summary>attest / verify-attestation through a real docker-registry, and the forgeries verification must refuse.</summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryAttestationTests
{
    private const string Sbom = """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"Npgsql","version":"9.0.3","purl":"pkg:nuget/Npgsql@9.0.3"}]}""";

    private readonly RegistryFixture _registry;

    public RegistryAttestationTests(RegistryFixture registry) => _registry = registry;

    [RegistryFact]
    public async Task Attested_sbom_verifies_and_the_output_carries_the_statement_about_the_digest()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "att/web", "v1", "att web v1");
        var image = $"{_registry.Address}/att/web:v1";

        var attested = await AttestAsync(image);
        var verified = await VerifyAttestationAsync(image, _registry.KeyPrefix + ".pub");

        Assert.True(attested.ExitCode == 0, attested.Error + _registry.Log);
        Assert.Equal($"{_registry.Address}/att/web@{digest}", attested.Out.Trim());
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.Contains("  - The signatures were verified against the specified public key", verified.Error);
        var envelope = JsonDocument.Parse(Assert.Single(verified.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("application/vnd.in-toto+json", envelope.GetProperty("payloadType").GetString());
        var statement = JsonDocument.Parse(Convert.FromBase64String(envelope.GetProperty("payload").GetString()!)).RootElement;
        Assert.Equal("https://in-toto.io/Statement/v0.1", statement.GetProperty("_type").GetString());
        Assert.Equal("https://cyclonedx.org/bom", statement.GetProperty("predicateType").GetString());
        var subject = Assert.Single(statement.GetProperty("subject").EnumerateArray());
        Assert.Equal($"{_registry.Address}/att/web", subject.GetProperty("name").GetString());
        Assert.Equal(digest[7..], subject.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.Equal("pkg:nuget/Npgsql@9.0.3", statement.GetProperty("predicate").GetProperty("components")[0].GetProperty("purl").GetString());
    }

    [RegistryFact]
    public async Task Stored_attestation_has_the_layout_cosign_attest_writes()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "att/layout", "v1", "att layout");
        Assert.Equal(0, (await AttestAsync($"{_registry.Address}/att/layout:v1")).ExitCode);

        var stored = await client.GetManifestAsync("att/layout", "sha256-" + digest[7..] + ".att", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", stored.MediaType);
        var manifest = SignatureManifest.Parse(stored.Content);
        var layer = Assert.Single(manifest.Layers);
        Assert.Equal("application/vnd.dsse.envelope.v1+json", layer.MediaType);
        Assert.Equal(
            new Dictionary<string, string> { ["dev.cosignproject.cosign/signature"] = string.Empty, ["predicateType"] = "https://cyclonedx.org/bom" },
            layer.Annotations);
        var blob = await client.GetBlobAsync("att/layout", layer.Digest, CancellationToken.None);
        Assert.StartsWith("{\"payload\":\"", Encoding.UTF8.GetString(blob));
        var envelope = DsseEnvelope.Parse(blob);
        using var key = EcdsaSignatures.LoadPublicKey(File.ReadAllText(_registry.KeyPrefix + ".pub"));
        var signature = Assert.Single(envelope.Signatures);
        Assert.True(EcdsaSignatures.Verify(key, DsseEnvelope.PreAuthenticationEncoding("application/vnd.in-toto+json", envelope.Payload), signature.Sig));
        var config = await client.GetBlobAsync("att/layout", manifest.Config.Digest, CancellationToken.None);
        Assert.Equal(SignatureImageConfig.Create([layer.Digest]), config);
    }

    [RegistryFact]
    public async Task Attestation_copied_onto_another_image_fails_because_its_subject_is_the_other_digest()
    {
        using var client = _registry.CreateClient();
        var goodDigest = await TestImages.PushAsync(client, "att/replay", "good", "att good");
        var evilDigest = await TestImages.PushAsync(client, "att/replay", "evil", "att evil");
        Assert.Equal(0, (await AttestAsync($"{_registry.Address}/att/replay:good")).ExitCode);

        var attestations = await client.GetManifestAsync("att/replay", Digests.AttestationTag(goodDigest), CancellationToken.None);
        await client.PutManifestAsync("att/replay", Digests.AttestationTag(evilDigest), attestations!.Content, SignatureManifest.MediaType, CancellationToken.None);
        var result = await VerifyAttestationAsync($"{_registry.Address}/att/replay:evil", _registry.KeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no matching attestations", result.Error);
        Assert.Contains("no matching subject digest found", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    [RegistryFact]
    public async Task Attestation_signed_by_another_key_fails()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "att/otherkey", "v1", "att other key");
        Assert.Equal(0, (await AttestAsync($"{_registry.Address}/att/otherkey:v1", _registry.OtherKeyPrefix)).ExitCode);

        var result = await VerifyAttestationAsync($"{_registry.Address}/att/otherkey:v1", _registry.KeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid signature when validating the DSSE envelope", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    [RegistryFact]
    public async Task Tampered_predicate_fails_even_with_the_original_signature_and_a_consistent_manifest()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "att/tampered", "v1", "att tampered");
        Assert.Equal(0, (await AttestAsync($"{_registry.Address}/att/tampered:v1")).ExitCode);

        // Swap a package version inside the signed statement, keep the signature, and store a manifest whose
        // digests all match the forged blob: only the DSSE signature can catch it.
        var tag = Digests.AttestationTag(digest);
        var layer = Assert.Single(SignatureManifest.Parse((await client.GetManifestAsync("att/tampered", tag, CancellationToken.None))!.Content).Layers);
        var envelope = DsseEnvelope.Parse(await client.GetBlobAsync("att/tampered", layer.Digest, CancellationToken.None));
        var statement = Encoding.UTF8.GetString(envelope.Payload);
        var forgedStatement = statement.Replace("Npgsql@9.0.3", "Npgsql@6.0.0", StringComparison.Ordinal);
        Assert.NotEqual(statement, forgedStatement);
        var forged = (envelope with { Payload = Encoding.UTF8.GetBytes(forgedStatement) }).ToBytes();
        var forgedLayer = layer with { Digest = Digests.Sha256(forged), Size = forged.Length };
        var (manifest, config) = SignatureManifest.ForLayers([forgedLayer]);
        await client.UploadBlobAsync("att/tampered", forged, CancellationToken.None);
        await client.UploadBlobAsync("att/tampered", config, CancellationToken.None);
        await client.PutManifestAsync("att/tampered", tag, manifest.ToBytes(), SignatureManifest.MediaType, CancellationToken.None);

        var result = await VerifyAttestationAsync($"{_registry.Address}/att/tampered:v1", _registry.KeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid signature when validating the DSSE envelope", result.Error);
    }

    [RegistryFact]
    public async Task Image_without_attestations_fails_and_a_signature_alone_is_not_an_attestation()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "att/none", "v1", "att none");
        var image = $"{_registry.Address}/att/none:v1";
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.Password(RegistryFixture.Password), "sign", "--key", _registry.KeyPrefix + ".key", "--tlog-upload=false", image)).ExitCode);

        var result = await VerifyAttestationAsync(image, _registry.KeyPrefix + ".pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no attestations found", result.Error);
    }

    [RegistryFact]
    public async Task Replace_keeps_one_attestation_per_predicate_type_and_without_it_they_accumulate()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "att/replace", "v1", "att replace");
        var image = $"{_registry.Address}/att/replace:v1";

        Assert.Equal(0, (await AttestAsync(image)).ExitCode);
        Assert.Equal(0, (await AttestAsync(image)).ExitCode);
        var appended = SignatureManifest.Parse((await client.GetManifestAsync("att/replace", Digests.AttestationTag(digest), CancellationToken.None))!.Content);
        var replaced = await AttestAsync(image, extra: ["--replace"]);
        var after = SignatureManifest.Parse((await client.GetManifestAsync("att/replace", Digests.AttestationTag(digest), CancellationToken.None))!.Content);

        Assert.Equal(2, appended.Layers.Count);
        Assert.Contains("replaced 2 earlier", replaced.Error);
        Assert.Single(after.Layers);
        Assert.Equal(0, (await VerifyAttestationAsync(image, _registry.KeyPrefix + ".pub")).ExitCode);
    }

    [RegistryFact]
    public async Task Attest_refuses_a_predicate_that_is_not_a_json_object_and_pushes_nothing()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "att/badjson", "v1", "att bad json");
        var file = Path.Combine(_registry.WorkDirectory, "not-json.txt");
        await File.WriteAllTextAsync(file, "libc6 2.36");

        var result = await CliRunner.RunAsync(CliRunner.Password(RegistryFixture.Password),
            "attest", "--key", _registry.KeyPrefix + ".key", "--type", "cyclonedx", "--predicate", file, "--tlog-upload=false", $"{_registry.Address}/att/badjson:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the predicate is not valid JSON", result.Error);
        Assert.Null(await client.GetManifestAsync("att/badjson", Digests.AttestationTag(digest), CancellationToken.None));
    }

    private async Task<CliRunner.Outcome> AttestAsync(string image, string? keyPrefix = null, string[]? extra = null)
    {
        var predicate = Path.Combine(_registry.WorkDirectory, "sbom.cdx.json");
        if (!File.Exists(predicate))
        {
            await File.WriteAllTextAsync(predicate, Sbom);
        }

        return await CliRunner.RunAsync(CliRunner.Password(RegistryFixture.Password),
            ["attest", "--key", (keyPrefix ?? _registry.KeyPrefix) + ".key", "--type", "cyclonedx", "--predicate", predicate, "--tlog-upload=false", .. extra ?? [], image]);
    }

    private static Task<CliRunner.Outcome> VerifyAttestationAsync(string image, string publicKey) =>
        CliRunner.RunAsync(null, "verify-attestation", "--key", publicKey, "--type", "cyclonedx", "--insecure-ignore-tlog", image);
}
