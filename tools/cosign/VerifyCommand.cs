using System.Text;

namespace FakeShop.Cosign;

/// <summary>
/// "verify --key PUB --insecure-ignore-tlog IMAGE", with cosign's messages: the checks on stderr, the verified
/// payloads as a JSON array on stdout, exit 1 and a reason when no signature is valid.
/// </summary>
internal static class VerifyCommand
{
    public const string Usage =
        "verify --key PUB (--insecure-ignore-tlog | env SIGSTORE_REKOR_PUBLIC_KEY=rekor.pub) [-a key=value]... [--allow-insecure-registry] [--allow-http-registry] [-o json|text] IMAGE";

    public const string TlogWarning =
        "WARNING: Skipping tlog verification is an insecure practice that lacks transparency and auditability verification for the signature.";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--key"] = "key",
        ["-a"] = "annotations",
        ["--annotations"] = "annotations",
        ["-o"] = "output",
        ["--output"] = "output",
    };

    private static readonly Dictionary<string, string> BooleanOptions = TransparencyLogFlags.ForVerify();

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CommandContext context, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        var keyPath = parsed.Value("key") ?? throw new UsageException("--key is required");
        var output = parsed.Value("output") ?? "json";
        if (output is not ("json" or "text"))
        {
            throw new UsageException("--output must be json or text");
        }

        var image = ImageReference.Parse(parsed.SingleImage());
        var annotations = parsed.Annotations("annotations");
        var ignoreTlog = TransparencyLogFlags.SkipsTlog(parsed);
        using var rekorKey = ignoreTlog ? null : LoadRekorKey(context);
        if (ignoreTlog)
        {
            context.Error.WriteLine(TlogWarning);
        }

        using var key = KeyFiles.LoadPublicKey(keyPath);
        using var client = RegistryFlags.CreateClient(parsed, image);
        var result = await ImageVerifier.VerifyAsync(client, image, key, annotations, rekorKey, cancellationToken);

        WriteChecks(context, image, tlogChecked: rekorKey is not null);
        if (output == "text")
        {
            foreach (var payload in result.Payloads)
            {
                context.Out.WriteLine(Encoding.UTF8.GetString(payload));
            }
        }
        else
        {
            context.Out.WriteLine();
            context.Out.WriteLine("[" + string.Join(",", result.Payloads.Select(p => Encoding.UTF8.GetString(p))) + "]");
        }

        return 0;
    }

    /// <summary>The checks cosign lists on stderr after a successful verify or verify-attestation.</summary>
    internal static void WriteChecks(CommandContext context, ImageReference image, bool tlogChecked)
    {
        context.Error.WriteLine();
        context.Error.WriteLine($"Verification for {image} --");
        context.Error.WriteLine("The following checks were performed on each of these signatures:");
        context.Error.WriteLine("  - The cosign claims were validated");
        if (tlogChecked)
        {
            context.Error.WriteLine("  - Existence of the claims in the transparency log was verified offline");
        }

        context.Error.WriteLine("  - The signatures were verified against the specified public key");
    }

    /// <summary>
    /// Without --insecure-ignore-tlog cosign checks the transparency log. We can do that offline only, from the
    /// bundle in each layer, with the Rekor key named like cosign does; without it we refuse rather than skip.
    /// </summary>
    private static System.Security.Cryptography.ECDsa LoadRekorKey(CommandContext context)
    {
        var path = context.GetEnvironment(RekorBundle.PublicKeyEnvironmentVariable);
        if (string.IsNullOrEmpty(path))
        {
            throw new CosignException(
                "transparency log verification needs the Rekor public key: set " + RekorBundle.PublicKeyEnvironmentVariable
                + " to check signatures' tlog bundles offline, or pass --insecure-ignore-tlog for signatures made with --tlog-upload=false");
        }

        return KeyFiles.LoadPublicKey(path);
    }
}
