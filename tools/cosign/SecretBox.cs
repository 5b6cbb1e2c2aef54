using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace FakeShop.Cosign;

/// <summary>
/// NaCl secretbox (XSalsa20-Poly1305), as Go's golang.org/x/crypto/nacl/secretbox, which encrypts cosign
/// private keys. Output layout is Poly1305 tag (16 bytes) followed by the ciphertext. The BCL has no XSalsa20,
/// so BouncyCastle supplies the stream cipher and the MAC; the construction is NaCl's: the first 32 bytes of
/// key stream key Poly1305, the rest encrypt the message.
/// </summary>
internal static class SecretBox
{
    public const int KeySize = 32;
    public const int NonceSize = 24;
    public const int TagSize = 16;

    public static byte[] Seal(ReadOnlySpan<byte> message, byte[] nonce, byte[] key)
    {
        var (cipher, macKey) = Start(nonce, key);
        var output = new byte[TagSize + message.Length];
        cipher.ProcessBytes(message, output.AsSpan(TagSize));
        ComputeTag(macKey, output.AsSpan(TagSize), output.AsSpan(0, TagSize));
        CryptographicOperations.ZeroMemory(macKey);
        return output;
    }

    /// <returns>The plaintext, or null when the tag does not match (wrong key or altered data).</returns>
    public static byte[]? Open(ReadOnlySpan<byte> box, byte[] nonce, byte[] key)
    {
        if (box.Length < TagSize)
        {
            return null;
        }

        var (cipher, macKey) = Start(nonce, key);
        Span<byte> expected = stackalloc byte[TagSize];
        ComputeTag(macKey, box[TagSize..], expected);
        CryptographicOperations.ZeroMemory(macKey);
        if (!CryptographicOperations.FixedTimeEquals(expected, box[..TagSize]))
        {
            return null;
        }

        var plain = new byte[box.Length - TagSize];
        cipher.ProcessBytes(box[TagSize..], plain);
        return plain;
    }

    private static (XSalsa20Engine Cipher, byte[] MacKey) Start(byte[] nonce, byte[] key)
    {
        if (nonce.Length != NonceSize || key.Length != KeySize)
        {
            throw new CosignException("secretbox needs a 32-byte key and a 24-byte nonce");
        }

        var cipher = new XSalsa20Engine();
        cipher.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        var macKey = new byte[32];
        cipher.ProcessBytes(new byte[32], macKey);
        return (cipher, macKey);
    }

    private static void ComputeTag(byte[] macKey, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        var mac = new Poly1305();
        mac.Init(new KeyParameter(macKey));
        mac.BlockUpdate(data);
        mac.DoFinal(tag);
    }
}
