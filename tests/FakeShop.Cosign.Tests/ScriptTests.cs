namespace FakeShop.Cosign.Tests;

/// <summary>docker/generate-keys.sh, sign.sh and verify.sh end to end against a real registry: signature and SBOM attestation.</summary>
[Collection(RegistryCollection.Name)]
public sealed class ScriptTests
{
    private readonly RegistryFixture _registry;

    public ScriptTests(RegistryFixture registry) => _registry = registry;

    [RegistryFact]
    public async Task Sign_script_signs_the_digest_and_verify_script_accepts_it()
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "scripts/ok", "v1", "script ok");
        var image = $"{_registry.Address}/scripts/ok:v1";

        var signed = await ScriptRunner.RunAsync("sign.sh", SignerEnvironment(), image);
        var verified = await ScriptRunner.RunAsync("verify.sh", VerifierEnvironment(_registry.KeyPrefix + ".pub"), image);

        Assert.True(signed.ExitCode == 0, signed.Error);
        Assert.Equal($"{_registry.Address}/scripts/ok@{digest}", signed.Out.Trim());
        Assert.Contains("transparency log: false", signed.Error);
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.Contains($"OK: {_registry.Address}/scripts/ok@{digest} is signed by {_registry.KeyPrefix}.pub", verified.Error);
        Assert.Contains("The signatures were verified against the specified public key", verified.Error);
        Assert.Contains($"attested {_registry.Address}/scripts/ok@{digest} with the CycloneDX SBOM", signed.Error);
        Assert.Contains($"OK: {_registry.Address}/scripts/ok@{digest} has a CycloneDX SBOM attestation signed by {_registry.KeyPrefix}.pub", verified.Error);
        Assert.Contains(digest, verified.Out);
    }

    [RegistryFact]
    public async Task Verify_script_prints_the_attested_sbom()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "scripts/sbom", "v1", "script sbom");
        var image = $"{_registry.Address}/scripts/sbom:v1";
        Assert.Equal(0, (await ScriptRunner.RunAsync("sign.sh", SignerEnvironment(), image)).ExitCode);

        var printed = await ScriptRunner.RunAsync("verify.sh", VerifierEnvironment(_registry.KeyPrefix + ".pub"), "--print-sbom", image);

        Assert.True(printed.ExitCode == 0, printed.Error);
        using var sbom = System.Text.Json.JsonDocument.Parse(printed.Out);
        Assert.Equal("CycloneDX", sbom.RootElement.GetProperty("bomFormat").GetString());
        Assert.Equal("pkg:deb/debian/libssl3@3.0.17-1~deb12u2?arch=amd64&distro=debian-12", sbom.RootElement.GetProperty("components")[0].GetProperty("purl").GetString());
    }

    [RegistryFact]
    public async Task Verify_script_fails_for_a_signed_image_without_an_sbom_attestation()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "scripts/noatt", "v1", "script no attestation");
        var image = $"{_registry.Address}/scripts/noatt:v1";
        var environment = SignerEnvironment();
        environment["SBOM_FILE"] = "none";
        Assert.Equal(0, (await ScriptRunner.RunAsync("sign.sh", environment, image)).ExitCode);

        var result = await ScriptRunner.RunAsync("verify.sh", VerifierEnvironment(_registry.KeyPrefix + ".pub"), image);
        var signatureOnly = await ScriptRunner.RunAsync("verify.sh",
            new Dictionary<string, string> { ["COSIGN_PUBLIC_KEY"] = _registry.KeyPrefix + ".pub", ["COSIGN_VERIFY_ATTESTATION"] = "false" }, image);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no attestations found", result.Error);
        Assert.Contains("has no valid CycloneDX SBOM attestation", result.Error);
        Assert.Equal(0, signatureOnly.ExitCode);
        Assert.Contains("the SBOM attestation was not checked", signatureOnly.Error);
    }

    [RegistryFact]
    public async Task Sign_script_refuses_to_sign_without_the_sbom_build_sh_writes()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "scripts/nosbom", "v1", "script no sbom");
        var environment = SignerEnvironment();
        environment["SBOM_FILE"] = Path.Combine(_registry.WorkDirectory, "absent.cdx.json");

        var result = await ScriptRunner.RunAsync("sign.sh", environment, $"{_registry.Address}/scripts/nosbom:v1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("absent.cdx.json not found: docker/build.sh writes it", result.Error);
    }

    [RegistryFact]
    public async Task Verify_script_fails_for_an_unsigned_image_and_for_another_key()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "scripts/bad", "unsigned", "script unsigned");
        await TestImages.PushAsync(client, "scripts/bad", "signed", "script signed");
        Assert.Equal(0, (await ScriptRunner.RunAsync("sign.sh", SignerEnvironment(), $"{_registry.Address}/scripts/bad:signed")).ExitCode);

        var unsigned = await ScriptRunner.RunAsync("verify.sh", VerifierEnvironment(_registry.KeyPrefix + ".pub"), $"{_registry.Address}/scripts/bad:unsigned");
        var otherKey = await ScriptRunner.RunAsync("verify.sh", VerifierEnvironment(_registry.OtherKeyPrefix + ".pub"), $"{_registry.Address}/scripts/bad:signed");

        Assert.NotEqual(0, unsigned.ExitCode);
        Assert.Contains("no signatures found", unsigned.Error);
        Assert.Contains("FAILED", unsigned.Error);
        Assert.NotEqual(0, otherKey.ExitCode);
        Assert.Contains("no matching signatures", otherKey.Error);
    }

    [RegistryFact]
    public async Task Verify_script_reads_the_key_from_deploy_cosign_by_default()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "scripts/default", "v1", "script default key");
        var image = $"{_registry.Address}/scripts/default:v1";
        Assert.Equal(0, (await ScriptRunner.RunAsync("sign.sh", SignerEnvironment(), image)).ExitCode);

        // Signed with a throw-away key: whether or not a maintainer put a key in deploy/cosign, it must not verify.
        var result = await ScriptRunner.RunAsync("verify.sh", new Dictionary<string, string>(), image);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(Path.Combine("deploy", "cosign", "cosign.pub"), result.Error);
    }

    [RegistryFact]
    public async Task Sign_script_refuses_the_transparency_log_without_the_real_cosign()
    {
        var environment = SignerEnvironment();
        environment["COSIGN_TLOG"] = "true";

        var result = await ScriptRunner.RunAsync("sign.sh", environment, $"{_registry.Address}/scripts/none:v1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("COSIGN_TLOG=true needs the real cosign CLI", result.Error);
    }

    [RegistryTheory]
    [InlineData("2.4.1", "sign --yes --key {key} --tlog-upload=false {ref}")]
    [InlineData("3.0.4", "sign --yes --key {key} --tlog-upload=false --new-bundle-format=false --use-signing-config=false {ref}")]
    public async Task Scripts_drive_the_real_cosign_with_the_flags_of_its_major_version(string version, string expectedSign)
    {
        using var client = _registry.CreateClient();
        var digest = await TestImages.PushAsync(client, "scripts/real", "v1", "script real cosign");
        var image = $"{_registry.Address}/scripts/real:v1";
        var reference = $"{_registry.Address}/scripts/real@{digest}";
        var dir = Directory.CreateTempSubdirectory("fake-cosign-").FullName;
        try
        {
            // A stand-in "cosign" on PATH that records its arguments: the scripts must pick it and pass these flags.
            var log = Path.Combine(dir, "calls.log");
            var fake = Path.Combine(dir, "cosign");
            await File.WriteAllTextAsync(fake,
                "#!/usr/bin/env bash\nif [[ \"$1\" == version ]]; then printf 'GitVersion:    v" + version + "\\n'; exit 0; fi\n"
                + "printf '%s\\n' \"$*\" >> \"" + log + "\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var environment = SignerEnvironment();
            environment["COSIGN_IMPL"] = "auto";
            environment["COSIGN_PUBLIC_KEY"] = _registry.KeyPrefix + ".pub";
            environment["PATH"] = dir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

            var signed = await ScriptRunner.RunAsync("sign.sh", environment, image);
            var verified = await ScriptRunner.RunAsync("verify.sh", environment, image);

            Assert.True(signed.ExitCode == 0, signed.Error);
            Assert.True(verified.ExitCode == 0, verified.Error);
            var calls = await File.ReadAllLinesAsync(log);
            var v3 = version.StartsWith('3') ? " --new-bundle-format=false --use-signing-config=false" : string.Empty;
            Assert.Equal(
                [
                    expectedSign.Replace("{key}", _registry.KeyPrefix + ".key").Replace("{ref}", reference),
                    $"attest --yes --key {_registry.KeyPrefix}.key --tlog-upload=false --type cyclonedx --predicate {SbomFile} --replace{v3} {reference}",
                    $"verify --key {_registry.KeyPrefix}.pub --insecure-ignore-tlog {reference}",
                    $"verify-attestation --key {_registry.KeyPrefix}.pub --insecure-ignore-tlog --type cyclonedx {reference}",
                ],
                calls);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_keys_script_writes_a_usable_pair_and_never_overwrites_it()
    {
        var dir = Directory.CreateTempSubdirectory("cosign-genkeys-").FullName;
        try
        {
            var prefix = Path.Combine(dir, "cosign");
            var environment = new Dictionary<string, string> { ["COSIGN_PASSWORD"] = "pw" };

            var first = await ScriptRunner.RunAsync("generate-keys.sh", environment, prefix);
            var second = await ScriptRunner.RunAsync("generate-keys.sh", environment, prefix);

            Assert.True(first.ExitCode == 0, first.Error);
            Assert.Contains($"Private key written to {prefix}.key", first.Error);
            using var key = EncryptedPrivateKey.Decrypt(await File.ReadAllTextAsync(prefix + ".key"), "pw");
            Assert.Equal(await File.ReadAllTextAsync(prefix + ".pub"), EcdsaSignatures.ExportPublicKeyPem(key));
            Assert.NotEqual(0, second.ExitCode);
            Assert.Contains("already exists", second.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void No_key_is_pinned_in_the_repository_outside_the_published_test_vectors()
    {
        // The old docker/cosign.pub belonged to a private key nobody held; keys are inputs now (docs/cosign.md).
        var root = TestData.RepositoryRoot();
        bool IsVector(string f) => f.StartsWith("tests/testdata/", StringComparison.Ordinal) || f.StartsWith("docs/", StringComparison.Ordinal);

        Assert.DoesNotContain(TrackedFiles(root, "*.key"), f => !IsVector(f));
        Assert.DoesNotContain(TrackedFiles(root, "*.pub"), f => !IsVector(f));
        Assert.Empty(TrackedFiles(root, "*cosign.password"));
        foreach (var file in TrackedFiles(root, "deploy/*").Concat(TrackedFiles(root, "docker/*")).Concat(TrackedFiles(root, ".github/*")))
        {
            Assert.DoesNotContain("BEGIN PUBLIC KEY", File.ReadAllText(Path.Combine(root, file)), StringComparison.Ordinal);
        }
    }

    private static List<string> TrackedFiles(string root, string pattern)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", root, "ls-files", "--", pattern])
        {
            RedirectStandardOutput = true,
        })!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private string SbomFile
    {
        get
        {
            var path = Path.Combine(_registry.WorkDirectory, "script-sbom.cdx.json");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"libssl3","version":"3.0.17-1~deb12u2","purl":"pkg:deb/debian/libssl3@3.0.17-1~deb12u2?arch=amd64&distro=debian-12"}]}""");
            }

            return path;
        }
    }

    private Dictionary<string, string> SignerEnvironment() => new()
    {
        ["COSIGN_KEY"] = _registry.KeyPrefix + ".key",
        ["COSIGN_PASSWORD"] = RegistryFixture.Password,
        ["SBOM_FILE"] = SbomFile,
    };

    private static Dictionary<string, string> VerifierEnvironment(string publicKey) => new() { ["COSIGN_PUBLIC_KEY"] = publicKey };
}
