namespace FakeShop.Cosign.Tests;

/// <summary>docker/generate-keys.sh, sign.sh and verify.sh end to end against a real registry.</summary>
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
        Assert.Contains(digest, verified.Out);
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
    public async Task Verify_script_trusts_the_committed_project_key_by_default()
    {
        using var client = _registry.CreateClient();
        await TestImages.PushAsync(client, "scripts/default", "v1", "script default key");
        var image = $"{_registry.Address}/scripts/default:v1";
        Assert.Equal(0, (await ScriptRunner.RunAsync("sign.sh", SignerEnvironment(), image)).ExitCode);

        // Signed with a throw-away key, so docker/cosign.pub (the default) must reject it.
        var result = await ScriptRunner.RunAsync("verify.sh", new Dictionary<string, string>(), image);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(Path.Combine("docker", "cosign.pub"), result.Error);
        Assert.Contains("no matching signatures", result.Error);
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
            Assert.Equal(
                [
                    expectedSign.Replace("{key}", _registry.KeyPrefix + ".key").Replace("{ref}", reference),
                    $"verify --key {_registry.KeyPrefix}.pub --insecure-ignore-tlog {reference}",
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
    public void Committed_project_key_is_a_P256_public_key_and_no_private_key_is_tracked()
    {
        var root = TestData.RepositoryRoot();
        using var key = EcdsaSignatures.LoadPublicKey(File.ReadAllText(Path.Combine(root, "docker", "cosign.pub")));

        Assert.Equal(256, key.KeySize);
        Assert.DoesNotContain(TrackedFiles(root, "*.key"), f => !f.StartsWith("docs/", StringComparison.Ordinal));
        Assert.Empty(TrackedFiles(root, "*cosign.password"));
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

    private Dictionary<string, string> SignerEnvironment() => new()
    {
        ["COSIGN_KEY"] = _registry.KeyPrefix + ".key",
        ["COSIGN_PASSWORD"] = RegistryFixture.Password,
    };

    private static Dictionary<string, string> VerifierEnvironment(string publicKey) => new() { ["COSIGN_PUBLIC_KEY"] = publicKey };
}
