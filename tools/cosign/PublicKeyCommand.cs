namespace FakeShop.Cosign;

/// <summary>"public-key --key K": prints the public key of an encrypted private key (e.g. to recreate cosign.pub).</summary>
internal static class PublicKeyCommand
{
    public const string Usage = "public-key --key KEY [--outfile FILE]";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--key"] = "key",
        ["--outfile"] = "outfile",
    };

    private static readonly Dictionary<string, string> BooleanOptions = new(StringComparer.Ordinal);

    public static int Run(IReadOnlyList<string> arguments, CommandContext context)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        using var key = KeyFiles.LoadPrivateKey(keyPath, context);
        var pem = EcdsaSignatures.ExportPublicKeyPem(key);
        if (parsed.Value("outfile") is { } outfile)
        {
            File.WriteAllText(outfile, pem);
            context.Error.WriteLine($"Public key written to {outfile}");
        }
        else
        {
            context.Out.Write(pem);
        }

        return 0;
    }
}
