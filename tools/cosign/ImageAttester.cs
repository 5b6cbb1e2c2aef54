using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>
/// Attaches an attestation the classic `cosign attest` way: an in-toto statement about the resolved manifest
/// digest, signed as a DSSE envelope, stored as one layer of the image's "sha256-&lt;hex&gt;.att" manifest with
/// the envelope media type, an empty signature annotation (the signature lives inside the envelope) and a
/// predicateType annotation.
/// </summary>
internal static class ImageAttester
{
    public const string PredicateTypeAnnotation = "predicateType";

    public sealed record Result(ImageReference Attested, int ReplacedLayers);

    /// <param name="replace">Drop earlier attestations of the same predicate type (cosign's --replace); otherwise append.</param>
    public static async Task<Result> AttestAsync(
        RegistryClient client,
        ImageReference image,
        ECDsa key,
        string predicateType,
        byte[] predicate,
        bool replace,
        CancellationToken cancellationToken)
    {
        var digest = await client.ResolveDigestAsync(image, cancellationToken);
        var statement = InTotoStatement.Create(image.Name, digest, predicateType, predicate);
        var envelope = DsseEnvelope.Sign(key, InTotoStatement.PayloadType, statement).ToBytes();
        var layer = new OciDescriptor(
            DsseEnvelope.MediaType,
            envelope.Length,
            Digests.Sha256(envelope),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [SignatureManifest.SignatureAnnotation] = string.Empty,
                [PredicateTypeAnnotation] = predicateType,
            });

        var tag = Digests.AttestationTag(digest);
        var existing = await client.GetManifestAsync(image.Repository, tag, cancellationToken);
        var layers = existing is null ? [] : SignatureManifest.Parse(existing.Content).Layers.ToList();
        var before = layers.Count;
        if (replace)
        {
            layers.RemoveAll(l => l.Annotations is not null
                && l.Annotations.TryGetValue(PredicateTypeAnnotation, out var type) && type == predicateType);
        }

        if (layers.Count >= SignatureManifest.MaxLayers)
        {
            throw new CosignException($"{image.Name}:{tag} already holds {layers.Count} attestations, the maximum");
        }

        layers.Add(layer);
        var (manifest, configBlob) = SignatureManifest.ForLayers(layers);
        await client.UploadBlobAsync(image.Repository, envelope, cancellationToken);
        await client.UploadBlobAsync(image.Repository, configBlob, cancellationToken);
        await client.PutManifestAsync(image.Repository, tag, manifest.ToBytes(), SignatureManifest.MediaType, cancellationToken);
        return new Result(image.WithDigest(digest), before - (layers.Count - 1));
    }
}
