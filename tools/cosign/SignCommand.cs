namespace FakeShop.Cosign;

/// <summary>
/// "sign --key K [-a k=v]... IMAGE". The real cosign's transparency-log and bundle-format flags are accepted when
/// false and refused when true (<see cref="TransparencyLogFlags"/>).
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

    private static readonly Dictionary<string, string> BooleanOptions = TransparencyLogFlags.ForPush();

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CommandContext context, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        TransparencyLogFlags.RefuseUpload(parsed);

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
}
