using System.Globalization;
using System.Text;

namespace FakeShop.Cosign;

/// <summary>
/// Writes JSON strings the way Go's encoding/json does. cosign signs the exact bytes of a Go-marshalled
/// payload and writes Go-marshalled manifests, so our bytes must match Go's escaping rules (HTML-safe
/// escapes for &lt; &gt; &amp;, U+2028/U+2029 escaped, other non-ASCII left as UTF-8), which
/// System.Text.Json's encoders do not reproduce.
/// </summary>
internal static class GoJson
{
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    AppendUnicodeEscape(sb, c);
                    break;
                default:
                    if (c < 0x20)
                    {
                        AppendUnicodeEscape(sb, c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Go replaces invalid UTF-8 with U+FFFD; a lone surrogate is the UTF-16 equivalent.
                        sb.Append("\\ufffd");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Go marshals a map with its keys sorted bytewise, which for UTF-8 is ordinal order.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var sorted = entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => Quote(e.Key) + ":" + Quote(e.Value));
        return "{" + string.Join(",", sorted) + "}";
    }

    private static void AppendUnicodeEscape(StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
