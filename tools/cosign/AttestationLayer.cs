using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>
/// Checks one layer of a ".att" image, free of I/O: the blob is the one the descriptor names, it is a DSSE
/// envelope of an in-toto statement, a signature in it verifies with the key over the PAE, the statement has
/// the requested predicate type and its subject is the digest we resolved.
/// </summary>
internal static class AttestationLayer
{
    /// <summary>An SBOM is larger than a signature payload, but not without bound.</summary>
    public const long MaxEnvelopeBytes = 16 * 1024 * 1024;

    public sealed record Outcome(byte[]? Envelope, byte[]? Statement, string? Failure, bool TypeMismatch = false);

    public static Outcome Check(ECDsa key, OciDescriptor layer, byte[] blob, string expectedDigest, string predicateType)
    {
        if (Digests.Sha256(blob) != layer.Digest)
        {
            return Fail($"attestation blob does not match its digest {layer.Digest}");
        }

        if (layer.Size >= 0 && blob.Length != layer.Size)
        {
            return Fail($"attestation blob {layer.Digest} is {blob.Length} bytes, its descriptor says {layer.Size}");
        }

        DsseEnvelope envelope;
        try
        {
            envelope = DsseEnvelope.Parse(blob);
        }
        catch (CosignException ex)
        {
            return Fail($"layer {layer.Digest}: {ex.Message}");
        }

        if (envelope.PayloadType != InTotoStatement.PayloadType)
        {
            return Fail($"layer {layer.Digest}: payload type {envelope.PayloadType} is not {InTotoStatement.PayloadType}");
        }

        if (!envelope.IsSignedBy(key))
        {
            return Fail("invalid signature when validating the DSSE envelope (no signature verifies with the key over the pre-authentication encoding)");
        }

        var type = InTotoStatement.PredicateTypeOf(envelope.Payload);
        if (type != predicateType)
        {
            return new Outcome(null, null, $"predicate type {type ?? "(none)"} is not {predicateType}", TypeMismatch: true);
        }

        var subjectFailure = InTotoStatement.CheckSubject(envelope.Payload, expectedDigest);
        return subjectFailure is null ? new Outcome(blob, envelope.Payload, null) : Fail(subjectFailure);
    }

    private static Outcome Fail(string reason) => new(null, null, reason);
}
