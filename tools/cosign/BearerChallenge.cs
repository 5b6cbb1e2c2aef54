using System.Net.Http.Headers;

namespace FakeShop.Cosign;

/// <summary>
/// A registry's "WWW-Authenticate: Bearer realm=…,service=…,scope=…" challenge. Registries that allow anonymous
/// pulls (Docker Hub, GHCR, …) still require an anonymous token from the realm, so verifying a public image
/// needs this small dance even without credentials.
/// </summary>
internal sealed record BearerChallenge(Uri Realm, string? Service, string? Scope)
{
    public Uri TokenUri(string? fallbackScope)
    {
        var query = new List<string>();
        if (Service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(Service));
        }

        var scope = Scope ?? fallbackScope;
        if (scope is not null)
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }

        var builder = new UriBuilder(Realm);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join("&", new[] { existing }.Where(q => q.Length > 0).Concat(query));
        return builder.Uri;
    }

    public static BearerChallenge? From(HttpResponseHeaders headers)
    {
        foreach (var header in headers.WwwAuthenticate)
        {
            if (!string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            {
                continue;
            }

            var values = ParseParameters(header.Parameter);
            if (values.TryGetValue("realm", out var realm) && Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            {
                return new BearerChallenge(realmUri, values.GetValueOrDefault("service"), values.GetValueOrDefault("scope"));
            }
        }

        return null;
    }

    /// <summary>Parses key="value" pairs; values are quoted and may contain commas (scopes do).</summary>
    private static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || text[i] == ' '))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end].Trim();
                i = end;
            }

            result[key] = value;
        }

        return result;
    }
}
