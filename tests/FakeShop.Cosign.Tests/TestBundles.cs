using System.Security.Cryptography;
using System.Text;

namespace FakeShop.Cosign.Tests;

/// <summary>
/// Attaches a cosign-v3-style signature (Sigstore bundle v0.3 with a DSSE in-toto statement, pushed as an
/// OCI referrer with the fallback-tag index) the way cosign-format.md §3 describes, to test that verify reads it.
/// </summary>
internal static class TestBundles
{
    public static byte[] Create(ECDsa key, string subjectDigest, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var statement = Encoding.UTF8.GetBytes(
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"" + subjectDigest[7..]
            + "\"},\"annotations\":" + GoJson.Object(annotations ?? new Dictionary<string, string>())
            + "}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}");
        var signature = EcdsaSignatures.Sign(key, SigstoreBundle.PreAuthenticationEncoding(SigstoreBundle.InTotoPayloadType, statement));
        var hint = Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        return Encoding.UTF8.GetBytes(
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"" + hint
            + "\"}},\"dsseEnvelope\":{\"payload\":\"" + Convert.ToBase64String(statement)
            + "\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"" + Convert.ToBase64String(signature) + "\"}]}}");
    }

    public static async Task AttachAsync(RegistryClient client, string repository, string imageDigest, long imageSize, byte[] bundle)
    {
        var empty = "{}"u8.ToArray();
        await client.UploadBlobAsync(repository, empty, CancellationToken.None);
        await client.UploadBlobAsync(repository, bundle, CancellationToken.None);
        const string artifactType = "application/vnd.dev.sigstore.bundle.v0.3+json";
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"" + artifactType
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"" + Digests.Sha256(empty)
            + "\"},\"layers\":[" + new OciDescriptor(artifactType, bundle.Length, Digests.Sha256(bundle)).ToJson()
            + "],\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + imageSize + ",\"digest\":\"" + imageDigest
            + "\"},\"annotations\":{\"dev.sigstore.bundle.content\":\"dsse-envelope\",\"dev.sigstore.bundle.predicateType\":\"https://sigstore.dev/cosign/sign/v1\"}}");
        var manifestDigest = Digests.Sha256(manifest);
        await client.PutManifestAsync(repository, manifestDigest, manifest, "application/vnd.oci.image.manifest.v1+json", CancellationToken.None);

        // distribution 2.8 has no referrers API: clients keep the list as an index at the fallback tag.
        var index = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":"
            + manifest.Length + ",\"digest\":\"" + manifestDigest + "\",\"artifactType\":\"application/vnd.oci.empty.v1+json\"}]}");
        await client.PutManifestAsync(repository, Digests.ReferrersFallbackTag(imageDigest), index, OciIndex.MediaType, CancellationToken.None);
    }
}
