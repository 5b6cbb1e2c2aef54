namespace FakeShop.Cosign;

/// <summary>
/// "sign --key K [-a k=v]... IMAGE". Flags that only make sense for the real cosign's transparency log or
/// bundle format are accepted when set to false (so the same command line works with both tools) and refused
/// when set to true, because silently not doing what was asked would be worse.
/// </summary>
internal static class SignCommand
{
    public const string Usage =
        "sign --key KEY [-a key=value]... [--allow-insecure-registry] [--allow-http-registry] [--tlog-upload=false] [-y] IMAGE";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--key"] = "key",
        ["-a"] = "annotations",
        ["--annotations"] = "annotations",
    };

    private static readonly Dictionary<string, string> BooleanOptions = CreateBooleanOptions();

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CommandContext context, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        foreach (var unsupported in new[] { "tlog-upload", "new-bundle-format", "use-signing-config" })
        {
            if (parsed.FlagOrNull(unsupported) == true)
            {
                throw new UsageException($"--{unsupported}=true is not supported by this tool (no transparency log or bundle format); use the real cosign");
            }
        }

        var image = ImageReference.Parse(parsed.SingleImage());
        var annotations = parsed.Annotations("annotations");
        using var key = KeyFiles.LoadPrivateKey(keyPath, context);
        using var client = RegistryFlags.CreateClient(parsed, image);
        context.Error.WriteLine($"Pushing signature to: {image.Name}");
        var result = await ImageSigner.SignAsync(client, image, key, annotations, cancellationToken);
        if (result.AlreadySigned)
        {
            context.Error.WriteLine($"{result.Signed} already carries this signature; nothing pushed");
        }

        context.Out.WriteLine(result.Signed.ToString());
        return 0;
    }

    private static Dictionary<string, string> CreateBooleanOptions()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--tlog-upload"] = "tlog-upload",
            ["--new-bundle-format"] = "new-bundle-format",
            ["--use-signing-config"] = "use-signing-config",
            ["-y"] = "yes",
            ["--yes"] = "yes",
        };
        RegistryFlags.AddTo(options);
        return options;
    }
}
