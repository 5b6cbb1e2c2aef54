using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>
/// Verifies cosign signatures of an image: resolves the reference to a digest, then reads the classic
/// "sha256-&lt;hex&gt;.sig" manifest and, as cosign v3 does, Sigstore bundles attached as OCI referrers.
/// The image is accepted when at least one signature is valid (as cosign does).
/// </summary>
internal static class ImageVerifier
{
    /// <summary>Bounds the work a hostile registry can cause by listing endless referrers.</summary>
    private const int MaxReferrers = 100;

    public sealed record Result(string Digest, IReadOnlyList<byte[]> Payloads);

    public static async Task<Result> VerifyAsync(
        RegistryClient client,
        ImageReference image,
        ECDsa key,
        IReadOnlyDictionary<string, string> requiredAnnotations,
        ECDsa? rekorKey,
        CancellationToken cancellationToken)
    {
        var digest = await client.ResolveDigestAsync(image, cancellationToken);
        var payloads = new List<byte[]>();
        var failures = new List<string>();
        var found = await CheckClassicAsync(client, image, key, digest, requiredAnnotations, rekorKey, payloads, failures, cancellationToken);
        found |= await CheckBundlesAsync(client, image, key, digest, requiredAnnotations, rekorKey is not null, payloads, failures, cancellationToken);
        if (!found)
        {
            throw new CosignException($"no signatures found for {image.Name}@{digest}");
        }

        if (payloads.Count == 0)
        {
            throw new CosignException("no matching signatures: " + string.Join("; ", failures.Distinct()));
        }

        return new Result(digest, payloads);
    }

    private static async Task<bool> CheckClassicAsync(
        RegistryClient client, ImageReference image, ECDsa key, string digest, IReadOnlyDictionary<string, string> requiredAnnotations,
        ECDsa? rekorKey, List<byte[]> payloads, List<string> failures, CancellationToken cancellationToken)
    {
        var manifest = await client.GetManifestAsync(image.Repository, Digests.SignatureTag(digest), cancellationToken);
        var layers = manifest is null ? [] : SignatureManifest.Parse(manifest.Content).Layers;
        foreach (var layer in layers.Take(SignatureManifest.MaxLayers))
        {
            if (layer.Size > SignatureLayer.MaxPayloadBytes || !Digests.IsSha256(layer.Digest))
            {
                failures.Add($"layer {layer.Digest} is not a signature payload");
                continue;
            }

            var blob = await client.GetBlobAsync(image.Repository, layer.Digest, cancellationToken);
            var failure = SignatureLayer.Check(key, layer, blob, digest, requiredAnnotations, rekorKey);
            if (failure is null)
            {
                payloads.Add(blob);
            }
            else
            {
                failures.Add(failure);
            }
        }

        return layers.Count > 0;
    }

    /// <summary>
    /// cosign v3's default format. Like cosign, referrers are not filtered by artifactType (the fallback index
    /// of some registries records the wrong one); a referrer counts when it has exactly one bundle layer.
    /// </summary>
    private static async Task<bool> CheckBundlesAsync(
        RegistryClient client, ImageReference image, ECDsa key, string digest, IReadOnlyDictionary<string, string> requiredAnnotations,
        bool requireTlog, List<byte[]> payloads, List<string> failures, CancellationToken cancellationToken)
    {
        var found = false;
        var referrers = await client.GetReferrersAsync(image.Repository, digest, cancellationToken);
        foreach (var referrer in referrers.Take(MaxReferrers))
        {
            if (!Digests.IsSha256(referrer.Digest))
            {
                continue;
            }

            var manifest = await client.GetManifestAsync(image.Repository, referrer.Digest, cancellationToken);
            if (manifest is null)
            {
                continue;
            }

            var layers = SignatureManifest.Parse(manifest.Content).Layers;
            if (layers.Count != 1 || !layers[0].MediaType.StartsWith(SigstoreBundle.MediaTypePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            found = true;
            if (requireTlog)
            {
                // Checking a bundle's tlog entries needs sigstore-go's logic; never claim a check we did not do.
                failures.Add("transparency log entries of Sigstore bundles are not checked by this tool; use --insecure-ignore-tlog or the real cosign");
                continue;
            }

            var layer = layers[0];
            if (layer.Size > SignatureLayer.MaxPayloadBytes || !Digests.IsSha256(layer.Digest))
            {
                failures.Add($"bundle {layer.Digest} is too large or has an unsupported digest");
                continue;
            }

            var blob = await client.GetBlobAsync(image.Repository, layer.Digest, cancellationToken);
            if (Digests.Sha256(blob) != layer.Digest)
            {
                failures.Add($"bundle blob does not match its digest {layer.Digest}");
                continue;
            }

            var (payload, failure) = SigstoreBundle.Check(key, blob, image.Name, digest, requiredAnnotations);
            if (payload is not null)
            {
                payloads.Add(payload);
            }
            else
            {
                failures.Add(failure!);
            }
        }

        return found;
    }
}
