namespace FakeShop.Cosign;

/// <summary>
/// "digest IMAGE": resolves a tag to the manifest digest, like crane digest. The scripts use it to pin
/// IMAGE@sha256:… before calling the real cosign, so a tag is never what gets signed or checked.
/// </summary>
internal static class DigestCommand
{
    public const string Usage = "digest [--full-ref] [--allow-insecure-registry] [--allow-http-registry] IMAGE";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> BooleanOptions = CreateBooleanOptions();

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CommandContext context, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var image = ImageReference.Parse(parsed.SingleImage());
        using var client = RegistryFlags.CreateClient(parsed, image);
        var digest = await client.ResolveDigestAsync(image, cancellationToken);
        context.Out.WriteLine(parsed.Flag("full-ref") ? image.WithDigest(digest).ToString() : digest);
        return 0;
    }

    private static Dictionary<string, string> CreateBooleanOptions()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["--full-ref"] = "full-ref" };
        RegistryFlags.AddTo(options);
        return options;
    }
}
