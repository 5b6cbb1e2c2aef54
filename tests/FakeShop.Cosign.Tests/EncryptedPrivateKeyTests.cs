using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign.Tests;

public class EncryptedPrivateKeyTests
{
    private const string RsKeys = "sigstore-rs-keys";

    [Fact]
    public void Real_cosign_key_with_empty_password_decrypts_to_the_published_public_key()
    {
        var pem = TestData.Text(RsKeys, "cosign_generated_encrypted_empty_private.key");
        Assert.Contains("ENCRYPTED SIGSTORE PRIVATE KEY", pem);

        using var key = EncryptedPrivateKey.Decrypt(pem, "");

        Assert.Equal(
            TestData.Text(RsKeys, "cosign_generated_encrypted_empty_private.derived.pub").Trim(),
            key.ExportSubjectPublicKeyInfoPem().Trim());
    }

    [Fact]
    public void Legacy_cosign_label_with_N32768_and_password_123_decrypts_to_a_working_P256_key()
    {
        var pem = TestData.Text(RsKeys, "ecdsa_encrypted_private.key");
        Assert.Contains("ENCRYPTED COSIGN PRIVATE KEY", pem);

        using var key = EncryptedPrivateKey.Decrypt(pem, "123");

        Assert.Equal(256, key.KeySize);
        using var publicOnly = EcdsaSignatures.LoadPublicKey(key.ExportSubjectPublicKeyInfoPem());
        var message = "payload"u8.ToArray();
        Assert.True(EcdsaSignatures.Verify(publicOnly, message, EcdsaSignatures.Sign(key, message)));
    }

    [Theory]
    [InlineData("cosign_generated_encrypted_empty_private.key", "x")]
    [InlineData("ecdsa_encrypted_private.key", "")]
    [InlineData("ecdsa_encrypted_private.key", "1234")]
    public void Wrong_password_is_rejected_with_a_clear_message(string file, string password)
    {
        var pem = TestData.Text(RsKeys, file);

        var ex = Assert.Throws<CosignException>(() => EncryptedPrivateKey.Decrypt(pem, password));

        Assert.Contains("wrong password", ex.Message);
    }

    [Fact]
    public void Key_we_write_round_trips_and_has_cosign_layout()
    {
        using var original = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = EncryptedPrivateKey.Encrypt(original, "s3cret");

        using var decrypted = EncryptedPrivateKey.Decrypt(pem, "s3cret");

        Assert.Equal(original.ExportSubjectPublicKeyInfo(), decrypted.ExportSubjectPublicKeyInfo());
        Assert.StartsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n", pem);
        Assert.Throws<CosignException>(() => EncryptedPrivateKey.Decrypt(pem, "s3creT"));

        var fields = PemEncoding.Find(pem);
        using var json = JsonDocument.Parse(Convert.FromBase64String(pem[fields.Base64Data]));
        var kdf = json.RootElement.GetProperty("kdf");
        Assert.Equal("scrypt", kdf.GetProperty("name").GetString());
        Assert.Equal(65536, kdf.GetProperty("params").GetProperty("N").GetInt32());
        Assert.Equal(8, kdf.GetProperty("params").GetProperty("r").GetInt32());
        Assert.Equal(1, kdf.GetProperty("params").GetProperty("p").GetInt32());
        Assert.Equal(32, kdf.GetProperty("salt").GetBytesFromBase64().Length);
        Assert.Equal("nacl/secretbox", json.RootElement.GetProperty("cipher").GetProperty("name").GetString());
        Assert.Equal(24, json.RootElement.GetProperty("cipher").GetProperty("nonce").GetBytesFromBase64().Length);

        // Go's x509.MarshalPKCS8PrivateKey gives 138 bytes for P-256; ours must be a PKCS#8 Go can read,
        // with the public key embedded, i.e. the same size, plus the 16-byte Poly1305 tag.
        Assert.Equal(138 + 16, json.RootElement.GetProperty("ciphertext").GetBytesFromBase64().Length);
    }

    [Fact]
    public void Unsupported_scrypt_cost_is_refused_before_any_work()
    {
        var json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1048576,\"r\":8,\"p\":1},\"salt\":\"AAAA\"},"
            + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},\"ciphertext\":\"AAAA\"}";
        var pem = new string(PemEncoding.Write(EncryptedPrivateKey.SigstoreLabel, Encoding.UTF8.GetBytes(json)));

        var ex = Assert.Throws<CosignException>(() => EncryptedPrivateKey.Decrypt(pem, ""));

        Assert.Contains("unsupported scrypt parameters", ex.Message);
    }

    [Fact]
    public void Plain_PKCS8_key_is_refused_as_cosign_does()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var ex = Assert.Throws<CosignException>(() => EncryptedPrivateKey.Decrypt(key.ExportPkcs8PrivateKeyPem(), ""));

        Assert.Contains("unsupported private key type", ex.Message);
    }

    // RFC 7914 section 12, the first two test vectors.
    [Theory]
    [InlineData("", "", 16, 1, 1,
        "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [InlineData("password", "NaCl", 1024, 8, 16,
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    public void Scrypt_matches_RFC_7914_vectors(string password, string salt, int n, int r, int p, string expectedHex)
    {
        var derived = Org.BouncyCastle.Crypto.Generators.SCrypt.Generate(
            Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), n, r, p, 64);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(derived));
        // Our 32-byte derivation is the prefix of the same function.
        Assert.Equal(expectedHex[..64], Convert.ToHexStringLower(EncryptedPrivateKey.DeriveKey(password, Encoding.UTF8.GetBytes(salt), n, r, p)));
    }
}
