using System.Text;

namespace FakeShop.Cosign;

/// <summary>
/// The config blob of a ".sig" image. cosign builds it as go-containerregistry's empty image with the payload
/// layers appended, so the bytes (and therefore the config digest) are fixed: zero dates, one history entry
/// and one diff_id per layer, where each diff_id is the uncompressed payload's digest.
/// </summary>
internal static class SignatureImageConfig
{
    public const string MediaType = "application/vnd.oci.image.config.v1+json";

    private const string ZeroTime = "0001-01-01T00:00:00Z";

    public static byte[] Create(IReadOnlyList<string> layerDigests)
    {
        var history = string.Join(",", layerDigests.Select(_ => "{\"created\":\"" + ZeroTime + "\"}"));
        var diffIds = string.Join(",", layerDigests.Select(GoJson.Quote));
        var json = "{\"architecture\":\"\",\"created\":\"" + ZeroTime + "\",\"history\":[" + history
            + "],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},\"config\":{}}";
        return Encoding.UTF8.GetBytes(json);
    }
}
