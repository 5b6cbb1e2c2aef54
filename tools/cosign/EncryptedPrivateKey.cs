using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Generators;

namespace FakeShop.Cosign;

/// <summary>
/// cosign's encrypted private key file: a PEM whose body is go-securesystemslib's "encrypted" JSON, i.e.
/// scrypt(password, salt) as the key of a nacl/secretbox holding the PKCS#8 DER private key.
/// </summary>
internal static class EncryptedPrivateKey
{
    /// <summary>Label cosign writes today.</summary>
    public const string SigstoreLabel = "ENCRYPTED SIGSTORE PRIVATE KEY";

    /// <summary>Label of keys written by cosign 1.x and early 2.x; still read by cosign.</summary>
    public const string LegacyCosignLabel = "ENCRYPTED COSIGN PRIVATE KEY";

    /// <summary>cosign's current scrypt cost: N=2^16, r=8, p=1 (64 MiB, about a second).</summary>
    public const int DefaultN = 65536;

    private const int ScryptR = 8;
    private const int ScryptP = 1;
    private const int SaltSize = 32;

    /// <summary>
    /// The only (N, r, p) sets cosign accepts. Refusing others stops a crafted key file from making us
    /// spend gigabytes of memory, and keeps our keys readable by cosign.
    /// </summary>
    private static readonly int[] AllowedN = [32768, 65536, 131072];

    public static string Encrypt(ECDsa key, string password, int scryptN = DefaultN)
    {
        var pkcs8 = key.ExportPkcs8PrivateKey();
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var nonce = RandomNumberGenerator.GetBytes(SecretBox.NonceSize);
        var boxKey = DeriveKey(password, salt, scryptN, ScryptR, ScryptP);
        var ciphertext = SecretBox.Seal(pkcs8, nonce, boxKey);
        CryptographicOperations.ZeroMemory(pkcs8);
        CryptographicOperations.ZeroMemory(boxKey);

        // Same field order as go-securesystemslib so our files look like cosign's.
        var json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":" + scryptN.ToString(CultureInfo.InvariantCulture)
            + ",\"r\":" + ScryptR.ToString(CultureInfo.InvariantCulture) + ",\"p\":" + ScryptP.ToString(CultureInfo.InvariantCulture)
            + "},\"salt\":\"" + Convert.ToBase64String(salt) + "\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\""
            + Convert.ToBase64String(nonce) + "\"},\"ciphertext\":\"" + Convert.ToBase64String(ciphertext) + "\"}";
        return new string(PemEncoding.Write(SigstoreLabel, Encoding.UTF8.GetBytes(json))) + "\n";
    }

    /// <summary>Decrypts a cosign key file; a wrong password gives a <see cref="CosignException"/>.</summary>
    public static ECDsa Decrypt(string pem, string password)
    {
        var body = ReadPemBody(pem);
        string kdfName, cipherName;
        int n, r, p;
        byte[] salt, nonce, ciphertext;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var kdf = Property(root, "kdf");
            var parameters = Property(kdf, "params");
            var cipher = Property(root, "cipher");
            kdfName = Property(kdf, "name").GetString() ?? string.Empty;
            n = Property(parameters, "N").GetInt32();
            r = Property(parameters, "r").GetInt32();
            p = Property(parameters, "p").GetInt32();
            salt = Property(kdf, "salt").GetBytesFromBase64();
            cipherName = Property(cipher, "name").GetString() ?? string.Empty;
            nonce = Property(cipher, "nonce").GetBytesFromBase64();
            ciphertext = Property(root, "ciphertext").GetBytesFromBase64();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new CosignException("not a cosign encrypted private key: " + ex.Message, ex);
        }

        if (kdfName != "scrypt" || cipherName != "nacl/secretbox")
        {
            throw new CosignException($"unsupported private key encryption: kdf {kdfName}, cipher {cipherName}");
        }

        if (!AllowedN.Contains(n) || r != ScryptR || p != ScryptP)
        {
            throw new CosignException($"unsupported scrypt parameters N={n} r={r} p={p}");
        }

        if (nonce.Length != SecretBox.NonceSize)
        {
            throw new CosignException("not a cosign encrypted private key: the nonce is not 24 bytes");
        }

        var boxKey = DeriveKey(password, salt, n, r, p);
        var pkcs8 = SecretBox.Open(ciphertext, nonce, boxKey);
        CryptographicOperations.ZeroMemory(boxKey);
        if (pkcs8 is null)
        {
            throw new CosignException("decrypting the private key failed: wrong password (COSIGN_PASSWORD)?");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new CosignException("the decrypted private key is not an ECDSA PKCS#8 key: " + ex.Message, ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return key;
    }

    public static byte[] DeriveKey(string password, byte[] salt, int n, int r, int p) =>
        SCrypt.Generate(Encoding.UTF8.GetBytes(password), salt, n, r, p, SecretBox.KeySize);

    private static byte[] ReadPemBody(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new CosignException("the private key file is not PEM");
        }

        var label = pem[fields.Label];
        if (label is not (SigstoreLabel or LegacyCosignLabel))
        {
            throw new CosignException($"unsupported private key type \"{label}\": expected {SigstoreLabel} or {LegacyCosignLabel} (use cosign import-key-pair for plain keys)");
        }

        return Convert.FromBase64String(pem[fields.Base64Data].ToString());
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new KeyNotFoundException($"missing \"{name}\"");
}
