using System.Security.Cryptography;
using System.Text;

namespace FakeShop.Cosign;

/// <summary>
/// "generate-key-pair": a new ECDSA P-256 key, written as cosign does (encrypted P.key readable only by the
/// owner, plain P.pub), so the files work with the real cosign too.
/// </summary>
internal static class GenerateKeyPairCommand
{
    public const string Usage = "generate-key-pair [--output-key-prefix PREFIX]   (password from COSIGN_PASSWORD)";

    private static readonly Dictionary<string, string> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--output-key-prefix"] = "prefix",
    };

    private static readonly Dictionary<string, string> BooleanOptions = new(StringComparer.Ordinal);

    public static int Run(IReadOnlyList<string> arguments, CommandContext context)
    {
        var parsed = ParsedArguments.Parse(arguments, ValueOptions, BooleanOptions);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException("generate-key-pair takes no positional arguments");
        }

        var prefix = parsed.Value("prefix") ?? "cosign";
        var keyPath = prefix + ".key";
        var pubPath = prefix + ".pub";

        // cosign asks before overwriting; without a prompt, refusing is the safe choice for a signing key.
        foreach (var path in new[] { keyPath, pubPath })
        {
            if (File.Exists(path))
            {
                throw new CosignException($"file {path} already exists; move it away first (key rotation is deliberate)");
            }
        }

        var password = PasswordReader.Read(context, confirm: true);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = EncryptedPrivateKey.Encrypt(key, password);
        WriteNew(keyPath, encrypted, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        context.Error.WriteLine($"Private key written to {keyPath}");
        WriteNew(pubPath, EcdsaSignatures.ExportPublicKeyPem(key),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        context.Error.WriteLine($"Public key written to {pubPath}");
        return 0;
    }

    /// <summary>Creates the file with its final mode from the start, so the private key is never world-readable.</summary>
    private static void WriteNew(string path, string content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.UTF8.GetBytes(content));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CosignException($"cannot write {path}: {ex.Message}", ex);
        }
    }
}
