using System.Text;

namespace FakeShop.Cosign;

/// <summary>
/// "verify-attestation --key PUB --type cyclonedx --insecure-ignore-tlog IMAGE": like cosign, the checks go to
/// stderr and each verified DSSE envelope to stdout, one per line, so `jq -r .payload | base64 -d` reads the
/// statement with either tool. Transparency-log checks of attestations are not implemented, so the flag that
/// skips them is required rather than silently implied.
/// </summary>
internal static class VerifyAttestationCommand
{
    public const string Usage =
        "verify-attestation --key PUB --type cyclonedx --insecure-ignore-tlog [--allow-insecure-registry] [--allow-http-registry] IMAGE";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--key"] = "key",
        ["--type"] = "type",
    };

    private static readonly Dictionary<string, string> BooleanOptions = TransparencyLogFlags.ForVerify();

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CommandContext context, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        var predicateType = InTotoStatement.PredicateTypeFor(parsed.Value("type") ?? throw new UsageException("--type is required"));
        if (!TransparencyLogFlags.SkipsTlog(parsed))
        {
            throw new CosignException("this tool does not check attestations in the transparency log: pass --insecure-ignore-tlog for attestations made with --tlog-upload=false, or use the real cosign");
        }

        context.Error.WriteLine(VerifyCommand.TlogWarning);
        var image = ImageReference.Parse(parsed.SingleImage());
        using var key = KeyFiles.LoadPublicKey(keyPath);
        using var client = RegistryFlags.CreateClient(parsed, image);
        var result = await AttestationVerifier.VerifyAsync(client, image, key, predicateType, cancellationToken);

        VerifyCommand.WriteChecks(context, image, tlogChecked: false);
        foreach (var attestation in result.Attestations)
        {
            context.Out.WriteLine(Encoding.UTF8.GetString(attestation.Envelope));
        }

        return 0;
    }
}
