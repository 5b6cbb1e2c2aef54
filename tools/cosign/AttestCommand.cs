namespace FakeShop.Cosign;

/// <summary>
/// "attest --key K --type cyclonedx --predicate FILE IMAGE": signs an in-toto statement about the image's
/// digest and attaches it as cosign does. Transparency-log flags are handled as for sign (<see cref="TransparencyLogFlags"/>).
/// </summary>
internal static class AttestCommand
{
    public const string Usage =
        "attest --key KEY --type cyclonedx --predicate FILE [--replace] [--allow-insecure-registry] [--allow-http-registry] [--tlog-upload=false] [-y] IMAGE";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--key"] = "key",
        ["--type"] = "type",
        ["--predicate"] = "predicate",
    };

    private static readonly Dictionary<string, string> BooleanOptions = TransparencyLogFlags.ForPush("replace");

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CommandContext context, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        var predicatePath = parsed.Value("predicate") ?? throw new UsageException("--predicate is required");
        var predicateType = InTotoStatement.PredicateTypeFor(parsed.Value("type") ?? throw new UsageException("--type is required"));
        TransparencyLogFlags.RefuseUpload(parsed);

        var image = ImageReference.Parse(parsed.SingleImage());
        byte[] predicate;
        try
        {
            predicate = File.ReadAllBytes(predicatePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CosignException($"cannot read predicate {predicatePath}: {ex.Message}", ex);
        }

        using var key = KeyFiles.LoadPrivateKey(keyPath, context);
        using var client = RegistryFlags.CreateClient(parsed, image);
        context.Error.WriteLine($"Pushing attestation to: {image.Name}");
        var result = await ImageAttester.AttestAsync(client, image, key, predicateType, predicate, parsed.Flag("replace"), cancellationToken);
        if (result.ReplacedLayers > 0)
        {
            context.Error.WriteLine($"replaced {result.ReplacedLayers} earlier {predicateType} attestation(s)");
        }

        context.Out.WriteLine(result.Attested.ToString());
        return 0;
    }
}
