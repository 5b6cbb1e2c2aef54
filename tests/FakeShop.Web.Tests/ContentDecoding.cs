using System.IO.Compression;

namespace FakeShop.Web.Tests;

/// <summary>A response body as the browser reads it: decoded by its Content-Encoding ("br", "gzip" or none).</summary>
internal static class ContentDecoding
{
    public static byte[] Decode(byte[] body, string? coding)
    {
        if (coding is null)
        {
            return body;
        }

        using var input = new MemoryStream(body);
        using Stream decoder = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
