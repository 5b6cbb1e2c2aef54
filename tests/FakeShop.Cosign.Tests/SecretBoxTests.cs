using System.Text;

namespace FakeShop.Cosign.Tests;

public class SecretBoxTests
{
    [Fact]
    public void Matches_the_NaCl_secretbox_known_answer()
    {
        // The classic NaCl "box" vector (tests/secretbox.c in NaCl, also used by Go's x/crypto secretbox tests):
        // first 16 bytes of the output are the Poly1305 tag, the rest the XSalsa20 ciphertext.
        var key = Convert.FromHexString("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
        var nonce = Convert.FromHexString("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
        var message = Convert.FromHexString(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705");
        const string expected =
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5";

        var box = SecretBox.Seal(message, nonce, key);

        Assert.Equal(expected, Convert.ToHexStringLower(box));
        Assert.Equal(message, SecretBox.Open(box, nonce, key));
    }

    [Fact]
    public void Any_changed_byte_fails_authentication()
    {
        var key = new byte[32];
        key[0] = 7;
        var nonce = new byte[24];
        var box = SecretBox.Seal(Encoding.UTF8.GetBytes("private key bytes"), nonce, key);

        for (var i = 0; i < box.Length; i++)
        {
            var tampered = (byte[])box.Clone();
            tampered[i] ^= 1;
            Assert.Null(SecretBox.Open(tampered, nonce, key));
        }

        var otherKey = (byte[])key.Clone();
        otherKey[31] = 1;
        Assert.Null(SecretBox.Open(box, nonce, otherKey));
    }
}
