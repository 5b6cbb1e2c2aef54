using System.IO.Compression;
using System.Text;

namespace FakeShop.Cosign.Tests;

/// <summary>
/// Pushes a minimal but well-formed OCI image (config + one gzip layer + manifest) with our own registry client,
/// so the tests need neither Docker nor skopeo. Different content gives a different manifest digest.
/// </summary>
internal static class TestImages
{
    public static async Task<string> PushAsync(RegistryClient client, string repository, string tag, string content)
    {
        var layer = Gzip(Encoding.UTF8.GetBytes(content));
        var diffId = Digests.Sha256(Encoding.UTF8.GetBytes(content));
        var config = Encoding.UTF8.GetBytes(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}");
        await client.UploadBlobAsync(repository, layer, CancellationToken.None);
        await client.UploadBlobAsync(repository, config, CancellationToken.None);
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + new OciDescriptor("application/vnd.oci.image.config.v1+json", config.Length, Digests.Sha256(config)).ToJson().Insert(0, "\"config\":")
            + ",\"layers\":[" + new OciDescriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer.Length, Digests.Sha256(layer)).ToJson() + "]}");
        await client.PutManifestAsync(repository, tag, manifest, "application/vnd.oci.image.manifest.v1+json", CancellationToken.None);
        return Digests.Sha256(manifest);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
