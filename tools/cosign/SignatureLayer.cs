namespace FakeShop.Cosign;

/// <summary>
/// Checks one layer of a ".sig" image: the blob is the one the descriptor names, its signature verifies with
/// the key over the exact blob bytes, and its claims match the image we resolved. Kept free of I/O so the
/// rules are unit-tested on real cosign vectors.
/// </summary>
internal static class SignatureLayer
{
    /// <summary>Payloads are a few hundred bytes; refuse to download anything absurd a registry might list.</summary>
    public const long MaxPayloadBytes = 1024 * 1024;

    /// <param name="rekorKey">When given, the layer must also carry a transparency-log bundle signed by this Rekor key.</param>
    /// <returns>null when the layer is a valid signature for <paramref name="expectedDigest"/>, else the reason.</returns>
    public static string? Check(
        System.Security.Cryptography.ECDsa key,
        OciDescriptor layer,
        byte[] blob,
        string expectedDigest,
        IReadOnlyDictionary<string, string> requiredAnnotations,
        System.Security.Cryptography.ECDsa? rekorKey = null)
    {
        if (Digests.Sha256(blob) != layer.Digest)
        {
            return $"payload blob does not match its digest {layer.Digest}";
        }

        if (layer.Size >= 0 && blob.Length != layer.Size)
        {
            return $"payload blob {layer.Digest} is {blob.Length} bytes, its descriptor says {layer.Size}";
        }

        if (layer.Annotations is null || !layer.Annotations.TryGetValue(SignatureManifest.SignatureAnnotation, out var encoded))
        {
            return $"layer {layer.Digest} has no {SignatureManifest.SignatureAnnotation} annotation";
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return $"layer {layer.Digest}: signature is not base64";
        }

        if (!EcdsaSignatures.Verify(key, blob, signature))
        {
            return "invalid signature when validating ASN.1 encoded signature";
        }

        var claimFailure = SimpleSigningPayload.CheckClaims(blob, expectedDigest, requiredAnnotations);
        if (claimFailure is not null || rekorKey is null)
        {
            return claimFailure;
        }

        return layer.Annotations.TryGetValue(SignatureManifest.BundleAnnotation, out var bundle)
            ? RekorBundle.Check(rekorKey, bundle, blob, encoded, key)
            : $"signature has no transparency log bundle ({SignatureManifest.BundleAnnotation}); it was made with --tlog-upload=false?";
    }
}
