namespace FakeShop.Cosign;

/// <summary>
/// The flags around the real cosign's transparency log that the image commands share, so sign and attest refuse the
/// same way and verify and verify-attestation accept the same skip flags. The registry flags come along, because
/// every image command talks to a registry.
/// </summary>
internal static class TransparencyLogFlags
{
    private const string IgnoreTlog = "insecure-ignore-tlog";
    private const string PrivateInfrastructure = "private-infrastructure";

    // Accepted when set to false (so the same command line works with both tools) and refused when set to true,
    // because silently not doing what was asked would be worse.
    private static readonly string[] UploadFlags = ["tlog-upload", "new-bundle-format", "use-signing-config"];

    /// <summary>Boolean options of a command that pushes (sign, attest), with <paramref name="ownFlags"/> added as --name.</summary>
    public static Dictionary<string, string> ForPush(params string[] ownFlags)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["-y"] = "yes",
            ["--yes"] = "yes",
        };
        foreach (var name in UploadFlags.Concat(ownFlags))
        {
            options["--" + name] = name;
        }

        RegistryFlags.AddTo(options);
        return options;
    }

    public static void RefuseUpload(ParsedArguments parsed)
    {
        foreach (var unsupported in UploadFlags)
        {
            if (parsed.FlagOrNull(unsupported) == true)
            {
                throw new UsageException($"--{unsupported}=true is not supported by this tool (no transparency log or bundle format); use the real cosign");
            }
        }
    }

    /// <summary>Boolean options of a command that verifies (verify, verify-attestation).</summary>
    public static Dictionary<string, string> ForVerify()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--" + IgnoreTlog] = IgnoreTlog,
            ["--" + PrivateInfrastructure] = PrivateInfrastructure,
        };
        RegistryFlags.AddTo(options);
        return options;
    }

    public static bool SkipsTlog(ParsedArguments parsed) => parsed.Flag(IgnoreTlog) || parsed.Flag(PrivateInfrastructure);
}
