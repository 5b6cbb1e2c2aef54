using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>
/// ECDSA as cosign uses it: the message is hashed with the curve's matching SHA-2 (P-256 → SHA-256) and the
/// signature is ASN.1 DER SEQUENCE{r,s}. .NET defaults to IEEE P1363 (r‖s), which cosign rejects, so the
/// format is always passed explicitly.
/// </summary>
internal static class EcdsaSignatures
{
    private const DSASignatureFormat Der = DSASignatureFormat.Rfc3279DerSequence;

    public static byte[] Sign(ECDsa key, byte[] message) => key.SignData(message, HashFor(key), Der);

    public static bool Verify(ECDsa key, byte[] message, byte[] derSignature)
    {
        try
        {
            return key.VerifyData(message, derSignature, HashFor(key), Der);
        }
        catch (CryptographicException)
        {
            // Malformed DER is just an invalid signature, not a crash.
            return false;
        }
    }

    /// <summary>Reads a PEM "PUBLIC KEY" (PKIX SubjectPublicKeyInfo), as written by cosign and by us.</summary>
    public static ECDsa LoadPublicKey(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "PUBLIC KEY")
        {
            throw new CosignException("the public key file has no PEM \"PUBLIC KEY\" block");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(pem[fields.Base64Data]), out _);
            return key;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new CosignException("the public key is not an ECDSA key: " + ex.Message, ex);
        }
    }

    public static string ExportPublicKeyPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem() + "\n";

    private static HashAlgorithmName HashFor(ECDsa key) => key.KeySize switch
    {
        <= 256 => HashAlgorithmName.SHA256,
        <= 384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };
}
