namespace FakeShop.Cosign;

/// <summary>Dispatches a command line to its command and turns errors into cosign-like messages and exit codes.</summary>
internal static class CosignCli
{
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CommandContext context, CancellationToken cancellationToken = default)
    {
        if (arguments.Count == 0 || arguments[0] is "-h" or "--help" or "help")
        {
            WriteUsage(context.Error);
            return arguments.Count == 0 ? 2 : 0;
        }

        var rest = arguments.Skip(1).ToList();
        try
        {
            return arguments[0] switch
            {
                "generate-key-pair" => GenerateKeyPairCommand.Run(rest, context),
                "public-key" => PublicKeyCommand.Run(rest, context),
                "sign" => await SignCommand.RunAsync(rest, context, cancellationToken),
                "verify" => await VerifyCommand.RunAsync(rest, context, cancellationToken),
                "attest" => await AttestCommand.RunAsync(rest, context, cancellationToken),
                "verify-attestation" => await VerifyAttestationCommand.RunAsync(rest, context, cancellationToken),
                "digest" => await DigestCommand.RunAsync(rest, context, cancellationToken),
                "sign-blob" => BlobCommands.Sign(rest, context),
                "verify-blob" => BlobCommands.Verify(rest, context),
                _ => throw new UsageException($"unknown command \"{arguments[0]}\""),
            };
        }
        catch (UsageException ex)
        {
            context.Error.WriteLine($"Error: {ex.Message}");
            WriteUsage(context.Error);
            return 2;
        }
        catch (CosignException ex)
        {
            context.Error.WriteLine($"Error: {ex.Message}");
            return 1;
        }
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("FakeShop.Cosign: cosign-compatible classic key-based image signatures and attestations (see docs/cosign.md)");
        writer.WriteLine("Usage:");
        foreach (var usage in new[]
        {
            GenerateKeyPairCommand.Usage, PublicKeyCommand.Usage, SignCommand.Usage, VerifyCommand.Usage, AttestCommand.Usage, VerifyAttestationCommand.Usage,
            DigestCommand.Usage, BlobCommands.SignUsage, BlobCommands.VerifyUsage,
        })
        {
            writer.WriteLine("  FakeShop.Cosign " + usage);
        }
    }
}
