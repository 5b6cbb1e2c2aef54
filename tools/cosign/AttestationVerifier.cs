using System.Security.Cryptography;

namespace FakeShop.Cosign;

/// <summary>
/// Verifies the attestations of an image like `cosign verify-attestation --type T`: resolve the digest, read
/// "sha256-&lt;hex&gt;.att", accept when at least one layer of the requested predicate type is valid.
/// </summary>
internal static class AttestationVerifier
{
    public sealed record Verified(byte[] Envelope, byte[] Statement);

    public sealed record Result(string Digest, IReadOnlyList<Verified> Attestations);

    public static async Task<Result> VerifyAsync(
        RegistryClient client, ImageReference image, ECDsa key, string predicateType, CancellationToken cancellationToken)
    {
        var digest = await client.ResolveDigestAsync(image, cancellationToken);
        var manifest = await client.GetManifestAsync(image.Repository, Digests.AttestationTag(digest), cancellationToken);
        var layers = manifest is null ? [] : SignatureManifest.Parse(manifest.Content).Layers;
        if (layers.Count == 0)
        {
            throw new CosignException($"no attestations found for {image.Name}@{digest}");
        }

        var verified = new List<Verified>();
        var failures = new List<string>();
        var typesSeen = new List<string>();
        foreach (var layer in layers.Take(SignatureManifest.MaxLayers))
        {
            if (layer.Size > AttestationLayer.MaxEnvelopeBytes || !Digests.IsSha256(layer.Digest))
            {
                failures.Add($"layer {layer.Digest} is not an attestation envelope");
                continue;
            }

            var blob = await client.GetBlobAsync(image.Repository, layer.Digest, cancellationToken);
            var outcome = AttestationLayer.Check(key, layer, blob, digest, predicateType);
            if (outcome.Failure is null)
            {
                verified.Add(new Verified(outcome.Envelope!, outcome.Statement!));
            }
            else if (outcome.TypeMismatch)
            {
                typesSeen.Add(outcome.Failure);
            }
            else
            {
                failures.Add(outcome.Failure);
            }
        }

        if (verified.Count > 0)
        {
            return new Result(digest, verified);
        }

        if (failures.Count == 0)
        {
            throw new CosignException($"none of the attestations matched the predicate type {predicateType}: " + string.Join("; ", typesSeen.Distinct()));
        }

        throw new CosignException("no matching attestations: " + string.Join("; ", failures.Distinct()));
    }
}
