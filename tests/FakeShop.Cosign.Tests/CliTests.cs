namespace FakeShop.Cosign.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cosign-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_key_pair_writes_an_owner_only_key_and_cosign_messages()
    {
        var prefix = Path.Combine(_dir, "project");

        var result = await CliRunner.RunAsync(CliRunner.Password("pw"), "generate-key-pair", "--output-key-prefix", prefix);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Private key written to {prefix}.key\nPublic key written to {prefix}.pub\n", result.Error.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));
        }

        using var key = EncryptedPrivateKey.Decrypt(File.ReadAllText(prefix + ".key"), "pw");
        Assert.Equal(File.ReadAllText(prefix + ".pub"), EcdsaSignatures.ExportPublicKeyPem(key));

        var publicKey = await CliRunner.RunAsync(CliRunner.Password("pw"), "public-key", "--key", prefix + ".key");
        Assert.Equal(0, publicKey.ExitCode);
        Assert.Equal(File.ReadAllText(prefix + ".pub"), publicKey.Out);
    }

    [Fact]
    public async Task Generate_key_pair_never_overwrites_an_existing_key()
    {
        var prefix = Path.Combine(_dir, "existing");
        await File.WriteAllTextAsync(prefix + ".key", "precious");

        var result = await CliRunner.RunAsync(CliRunner.Password(""), "generate-key-pair", "--output-key-prefix", prefix);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error);
        Assert.Equal("precious", await File.ReadAllTextAsync(prefix + ".key"));
    }

    [Fact]
    public async Task Wrong_password_exits_1_with_a_clear_error()
    {
        var result = await CliRunner.RunAsync(CliRunner.Password("nope"), "public-key", "--key",
            TestData.PathOf("sigstore-rs-keys", "ecdsa_encrypted_private.key"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("wrong password", result.Error);
    }

    [Fact]
    public async Task Sign_blob_output_verifies_with_verify_blob_and_the_public_key()
    {
        var prefix = Path.Combine(_dir, "blob");
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.Password(""), "generate-key-pair", "--output-key-prefix", prefix)).ExitCode);
        var blob = Path.Combine(_dir, "data.txt");
        await File.WriteAllTextAsync(blob, "some bytes");

        var signed = await CliRunner.RunAsync(CliRunner.Password(""), "sign-blob", "--key", prefix + ".key", blob);
        var sigFile = Path.Combine(_dir, "data.sig");
        await File.WriteAllTextAsync(sigFile, signed.Out);
        var verified = await CliRunner.RunAsync(null, "verify-blob", "--key", prefix + ".pub", "--signature", sigFile, blob);
        await File.WriteAllTextAsync(blob, "some bytes!");
        var tampered = await CliRunner.RunAsync(null, "verify-blob", "--key", prefix + ".pub", "--signature", sigFile, blob);

        Assert.Equal(0, signed.ExitCode);
        Assert.InRange(Convert.FromBase64String(signed.Out.Trim()).Length, 8, 72);
        Assert.Equal(0, verified.ExitCode);
        Assert.Equal(1, tampered.ExitCode);
    }

    [Theory]
    [InlineData("sign", "--key")]
    [InlineData("verify", "--kee", "x", "img")]
    [InlineData("frobnicate")]
    [InlineData("sign", "--key", "k", "--tlog-upload=true", "127.0.0.1:1/app")]
    public async Task Bad_usage_exits_2(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(null, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Error:", result.Error);
    }

    [Fact]
    public async Task Verify_without_insecure_ignore_tlog_refuses_rather_than_skipping_the_tlog_silently()
    {
        var result = await CliRunner.RunAsync(null, "verify", "--key", TestData.PathOf("cimage-key-valid", "cosign.pub"), "127.0.0.1:1/app:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--insecure-ignore-tlog", result.Error);
    }

    [Fact]
    public void Annotations_split_on_the_first_equals_sign()
    {
        var parsed = ParsedArguments.Parse(["-a", "k=v=w", "--annotations=x=y", "img"],
            new Dictionary<string, string> { ["-a"] = "a", ["--annotations"] = "a" }, new Dictionary<string, string>());

        Assert.Equal(new Dictionary<string, string> { ["k"] = "v=w", ["x"] = "y" }, parsed.Annotations("a"));
        Assert.Equal("img", parsed.SingleImage());
    }
}
