
namespace FakeShop.Cosign;

/// <summary>
/// "sign-blob" and "verify-blob": the bare signature over a file's bytes, base64 DER as cosign writes it.
/// Handy to check our crypto against openssl and against cosign's own vectors without a registry.
/// </summary>
internal static class BlobCommands
{
    public const string SignUsage = "sign-blob --key KEY [--output-signature FILE] FILE";
    public const string VerifyUsage = "verify-blob --key PUB --signature SIG_B64_FILE FILE";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--key"] = "key",
        ["--signature"] = "signature",
        ["--output-signature"] = "output-signature",
    };

    private static readonly Dictionary<string, string> BooleanOptions = new(StringComparer.Ordinal)
    {
        ["--insecure-ignore-tlog"] = "insecure-ignore-tlog",
        ["--tlog-upload"] = "tlog-upload",
        ["-y"] = "yes",
    };

    public static int Sign(IReadOnlyList<string> arguments, CommandContext context)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        var blob = ReadBlob(parsed);
        using var key = KeyFiles.LoadPrivateKey(keyPath, context);
        var signature = Convert.ToBase64String(EcdsaSignatures.Sign(key, blob));
        if (parsed.Value("output-signature") is { } path)
        {
            File.WriteAllText(path, signature);
            context.Error.WriteLine($"Signature written in {path}");
        }
        else
        {
            context.Out.WriteLine(signature);
        }

        return 0;
    }

    public static int Verify(IReadOnlyList<string> arguments, CommandContext context)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        var signaturePath = parsed.Value("signature") ?? throw new UsageException("--signature is required");
        var blob = ReadBlob(parsed);
        using var key = KeyFiles.LoadPublicKey(keyPath);
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(KeyFiles.ReadText(signaturePath, "signature").Trim());
        }
        catch (FormatException ex)
        {
            throw new CosignException($"signature file {signaturePath} is not base64", ex);
        }

        if (!EcdsaSignatures.Verify(key, blob, signature))
        {
            throw new CosignException("invalid signature when validating ASN.1 encoded signature");
        }

        context.Error.WriteLine("Verified OK");
        return 0;
    }

    private static byte[] ReadBlob(ParsedArguments parsed)
    {
        if (parsed.Positional.Count != 1)
        {
            throw new UsageException("exactly one file to sign or verify is expected");
        }

        try
        {
            return File.ReadAllBytes(parsed.Positional[0]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CosignException($"cannot read {parsed.Positional[0]}: {ex.Message}", ex);
        }
    }
}
