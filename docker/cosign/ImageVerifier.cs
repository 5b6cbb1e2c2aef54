using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>
/// Verifies classic cosign signatures of an image: resolves the reference to a digest, reads the
/// "sha256-&lt;hex&gt;.sig" manifest and accepts the image when at least one layer is valid (as cosign does).
/// </summary>
internal static class ImageVerifier
{
    public sealed record Result(string Digest, IReadOnlyList<byte[]> Payloads);

    public static async Task<Result> VerifyAsync(
        RegistryClient client,
        ImageReference image,
        ECDsa key,
        IReadOnlyDictionary<string, string> requiredAnnotations,
        CancellationToken cancellationToken)
    {
        var digest = await client.ResolveDigestAsync(image, cancellationToken);
        var manifest = await client.GetManifestAsync(image.Repository, Digests.SignatureTag(digest), cancellationToken);
        var layers = manifest is null ? [] : SignatureManifest.Parse(manifest.Content).Layers;
        if (layers.Count == 0)
        {
            throw new CosignException($"no signatures found for {image.Name}@{digest}");
        }

        var payloads = new List<byte[]>();
        var failures = new List<string>();
        foreach (var layer in layers.Take(SignatureManifest.MaxLayers))
        {
            if (layer.Size > SignatureLayer.MaxPayloadBytes || !Digests.IsSha256(layer.Digest))
            {
                failures.Add($"layer {layer.Digest} is not a signature payload");
                continue;
            }

            var blob = await client.GetBlobAsync(image.Repository, layer.Digest, cancellationToken);
            var failure = SignatureLayer.Check(key, layer, blob, digest, requiredAnnotations);
            if (failure is null)
            {
                payloads.Add(blob);
            }
            else
            {
                failures.Add(failure);
            }
        }

        if (payloads.Count == 0)
        {
            throw new CosignException("no matching signatures: " + string.Join("; ", failures.Distinct()));
        }

        return new Result(digest, payloads);
    }
}
