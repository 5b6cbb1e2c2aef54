using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>Reading key files named on the command line, with errors that name the file.</summary>
internal static class KeyFiles
{
    public static ECDsa LoadPrivateKey(string path, CommandContext context)
    {
        var pem = ReadText(path, "private key");
        return EncryptedPrivateKey.Decrypt(pem, PasswordReader.Read(context, confirm: false));
    }

    public static ECDsa LoadPublicKey(string path) => EcdsaSignatures.LoadPublicKey(ReadText(path, "public key"));

    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CosignException($"cannot read {what} {path}: {ex.Message}", ex);
        }
    }
}
