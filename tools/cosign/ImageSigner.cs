using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>
/// Signs an image the classic cosign way: always the resolved manifest digest (a tag can move after signing),
/// one simple-signing layer appended to the image's "sha256-&lt;hex&gt;.sig" manifest.
/// </summary>
internal static class ImageSigner
{
    public sealed record Result(ImageReference Signed, bool AlreadySigned);

    public static async Task<Result> SignAsync(
        RegistryClient client,
        ImageReference image,
        ECDsa key,
        IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken)
    {
        var digest = await client.ResolveDigestAsync(image, cancellationToken);
        var signed = image.WithDigest(digest);
        var payload = SimpleSigningPayload.Create(image.Name, digest, annotations);
        var signature = Convert.ToBase64String(EcdsaSignatures.Sign(key, payload));
        var layer = new OciDescriptor(
            SimpleSigningPayload.MediaType,
            payload.Length,
            Digests.Sha256(payload),
            new Dictionary<string, string>(StringComparer.Ordinal) { [SignatureManifest.SignatureAnnotation] = signature });

        var tag = Digests.SignatureTag(digest);
        var existing = await client.GetManifestAsync(image.Repository, tag, cancellationToken);
        var layers = existing is null ? [] : SignatureManifest.Parse(existing.Content).Layers.ToList();
        if (layers.Any(l => IsDuplicate(l, layer, payload, key)))
        {
            return new Result(signed, AlreadySigned: true);
        }

        if (layers.Count >= SignatureManifest.MaxLayers)
        {
            throw new CosignException($"{image.Name}:{tag} already holds {layers.Count} signatures, the maximum");
        }

        layers.Add(layer);
        var (manifest, configBlob) = SignatureManifest.ForLayers(layers);

        // Blobs first: the registry rejects a manifest whose blobs it does not have.
        await client.UploadBlobAsync(image.Repository, payload, cancellationToken);
        await client.UploadBlobAsync(image.Repository, configBlob, cancellationToken);
        await client.PutManifestAsync(image.Repository, tag, manifest.ToBytes(), SignatureManifest.MediaType, cancellationToken);
        return new Result(signed, AlreadySigned: false);
    }

    /// <summary>
    /// cosign's dupe detector: the same payload, media type and annotations (other than the signature itself,
    /// which ECDSA randomises), and a signature that verifies with our key. Re-signing then changes nothing.
    /// </summary>
    private static bool IsDuplicate(OciDescriptor existing, OciDescriptor candidate, byte[] payload, ECDsa key)
    {
        if (existing.Digest != candidate.Digest || existing.MediaType != candidate.MediaType
            || existing.Annotations is null
            || !existing.Annotations.TryGetValue(SignatureManifest.SignatureAnnotation, out var encoded))
        {
            return false;
        }

        var others = existing.Annotations.Where(a => a.Key != SignatureManifest.SignatureAnnotation);
        var candidateOthers = candidate.Annotations!.Where(a => a.Key != SignatureManifest.SignatureAnnotation);
        if (!others.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(candidateOthers.OrderBy(a => a.Key, StringComparer.Ordinal)))
        {
            return false;
        }

        try
        {
            return EcdsaSignatures.Verify(key, payload, Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
