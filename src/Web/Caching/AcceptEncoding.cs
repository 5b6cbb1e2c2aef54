using Microsoft.Extensions.Primitives;

namespace FakeShop.Web.Caching;

/// <summary>
/// Picks the coding for a public page from <c>Accept-Encoding</c> (RFC 9110 §12.5.3): Brotli if accepted, else gzip,
/// else none. A coding listed with <c>q=0</c> is refused, as is one only covered by <c>*</c> (kept simple: browsers
/// name what they take). Parsed without allocating: it runs on every cached page.
/// </summary>
public static class AcceptEncoding
{
    public static ContentCoding Choose(StringValues header)
    {
        bool brotli = false, gzip = false;
        foreach (var value in header)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var item = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? [] : rest[(comma + 1)..];
                var semicolon = item.IndexOf(';');
                var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
                if (semicolon >= 0 && IsZeroQuality(item[(semicolon + 1)..]))
                {
                    continue;
                }

                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    brotli = true;
                }
                else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip = true;
                }
            }
        }

        return brotli ? ContentCoding.Brotli : gzip ? ContentCoding.Gzip : ContentCoding.None;
    }

    private static bool IsZeroQuality(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            if (parameter.Length >= 2 && (parameter[0] is 'q' or 'Q') && parameter[1] == '=')
            {
                // "q=0", "q=0.", "q=0.000": zero; anything with a non-zero digit is not.
                var number = parameter[2..].Trim();
                return number.Length > 0 && number[0] == '0' && !number[1..].ContainsAnyExcept(".0");
            }
        }

        return false;
    }
}
