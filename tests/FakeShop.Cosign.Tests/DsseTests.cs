using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign.Tests;

/// <summary>
/// DSSE against the specification's own example (tests/testdata/dsse/protocol-example.json, see the NOTICE
/// there): our PAE must give the published bytes, and the published signature must verify over them.
/// </summary>
public sealed class DsseTests
{
    private static readonly JsonElement Example = LoadExample();

    [Fact]
    public void Pae_of_the_specification_example_is_the_published_bytes()
    {
        var pae = DsseEnvelope.PreAuthenticationEncoding(
            Example.GetProperty("payloadType").GetString()!,
            Encoding.UTF8.GetBytes(Example.GetProperty("serializedBody").GetString()!));

        Assert.Equal(Example.GetProperty("pae").GetString(), Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Published_example_signature_verifies_over_our_pae_with_the_published_key()
    {
        var envelope = DsseEnvelope.Parse(Encoding.UTF8.GetBytes(Example.GetProperty("envelope").GetRawText()));
        using var key = ExampleKey();
        var pae = DsseEnvelope.PreAuthenticationEncoding(envelope.PayloadType, envelope.Payload);

        // The example signs with raw r||s; cosign (and our envelopes) use DER, so verify in the example's format.
        Assert.Equal("hello world", Encoding.UTF8.GetString(envelope.Payload));
        Assert.True(key.VerifyData(pae, Assert.Single(envelope.Signatures).Sig, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(key.VerifyData(Encoding.UTF8.GetBytes("hello world"), envelope.Signatures[0].Sig, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Our_envelope_of_the_example_verifies_and_serialises_in_the_specification_field_order()
    {
        using var key = ExampleKey();
        var envelope = DsseEnvelope.Sign(key, "http://example.com/HelloWorld", Encoding.UTF8.GetBytes("hello world"));
        var json = Encoding.UTF8.GetString(envelope.ToBytes());
        var reparsed = DsseEnvelope.Parse(envelope.ToBytes());

        Assert.StartsWith("{\"payload\":\"aGVsbG8gd29ybGQ=\",\"payloadType\":\"http://example.com/HelloWorld\",\"signatures\":[{\"sig\":\"", json);
        Assert.True(reparsed.IsSignedBy(key));
        Assert.False((reparsed with { PayloadType = "http://example.com/Other" }).IsSignedBy(key));
    }

    [Fact]
    public void Pae_lengths_count_utf8_bytes_not_characters()
    {
        var pae = DsseEnvelope.PreAuthenticationEncoding("tipo/ç", Encoding.UTF8.GetBytes("ação"));

        Assert.Equal("DSSEv1 7 tipo/ç 6 ação", Encoding.UTF8.GetString(pae));
    }

    private static ECDsa ExampleKey()
    {
        var key = Example.GetProperty("key");
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Fixed32(key.GetProperty("x").GetString()!), Y = Fixed32(key.GetProperty("y").GetString()!) },
            D = Fixed32(key.GetProperty("d").GetString()!),
        });
    }

    private static byte[] Fixed32(string decimalValue)
    {
        var bytes = BigInteger.Parse(decimalValue, CultureInfo.InvariantCulture).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[32];
        bytes.CopyTo(result, 32 - bytes.Length);
        return result;
    }

    private static JsonElement LoadExample()
    {
        var path = Path.Combine(TestData.RepositoryRoot(), "tests", "testdata", "dsse", "protocol-example.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
