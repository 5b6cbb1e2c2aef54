namespace FakeShop.Application.Admin.UploadProductImage;

/// <summary>
/// Recognises JPEG, PNG and WebP by their first bytes. The file name and the browser's Content-Type are ignored:
/// both are chosen by the uploader, the bytes are what a browser will actually decode.
/// </summary>
public static class ImageSignature
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Riff = "RIFF"u8.ToArray();
    private static readonly byte[] Webp = "WEBP"u8.ToArray();

    /// <returns>The content type to serve, or null when the bytes are not one of the accepted formats.</returns>
    public static string? Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(Png))
        {
            return "image/png";
        }

        if (data.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }

        if (data.Length >= 12 && data.StartsWith(Riff) && data[8..12].SequenceEqual(Webp))
        {
            return "image/webp";
        }

        return null;
    }
}
