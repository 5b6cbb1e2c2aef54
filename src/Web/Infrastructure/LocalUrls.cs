using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// The one guard for every redirect target that comes from a request (returnUrl of cart, add to cart, language,
/// login and admin forms). Only a local path may be a target, so a crafted link cannot bounce visitors elsewhere; and
/// what is returned is always a valid Location header, because Kestrel throws while writing control or non-ASCII
/// characters, and LocalRedirect throws on a non-local URL: both would answer 500 after the action was already done
/// (an admin stock change was saved, then the redirect failed). Never throws.
/// </summary>
public static class LocalUrls
{
    /// <summary>Longer than any URL the pages build; a longer one is a crafted link.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// <paramref name="url"/> when it is a local path ("/x", not "//x" nor "/\x"), with letters such as "ç"
    /// percent-encoded as UTF-8; otherwise <paramref name="fallback"/>. Control characters (CR/LF included), the
    /// Unicode line and paragraph separators and broken surrogates are refused rather than cleaned, since a URL carrying
    /// them was not produced by our pages. With <paramref name="requiredPrefix"/> the path must also be that section
    /// ("/Admin", "/Admin/…", "/Admin?…").
    /// </summary>
    public static string Safe(string? url, string fallback, string? requiredPrefix = null)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/'
            || (url.Length > 1 && url[1] is '/' or '\\'))
        {
            return fallback;
        }

        if (requiredPrefix is not null && !InSection(url, requiredPrefix))
        {
            return fallback;
        }

        StringBuilder? encoded = null;
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return fallback;
            }

            if (c < 128)
            {
                encoded?.Append(c);
                continue;
            }

            int codePoint;
            if (char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, url[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return fallback;
            }
            else
            {
                codePoint = c;
            }

            encoded ??= new StringBuilder(url, 0, i - (codePoint > 0xFFFF ? 1 : 0), url.Length + 16);
            var count = new Rune(codePoint).EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded?.ToString() ?? url;
    }

    /// <summary>
    /// Redirects to <paramref name="returnUrl"/> when <see cref="Safe"/> accepts it, otherwise to the page named
    /// <paramref name="fallbackPage"/>: the one way a page honours a return target.
    /// </summary>
    public static IActionResult RedirectBack(this PageModel page, string? returnUrl, string fallbackPage, string? requiredPrefix = null) =>
        Safe(returnUrl, string.Empty, requiredPrefix) is { Length: > 0 } url ? page.LocalRedirect(url) : page.RedirectToPage(fallbackPage);

    /// <summary>
    /// Where an endpoint's form goes back to: its <c>returnUrl</c> (the form's field wins over the query string, as in
    /// Razor Pages' binding) when <see cref="Safe"/> accepts it, otherwise the page named <paramref name="fallbackPage"/>.
    /// </summary>
    public static string ReturnUrl(HttpContext http, string fallbackPage)
    {
        var form = http.Features.Get<IFormFeature>()?.Form;
        var returnUrl = form is not null && form.TryGetValue("returnUrl", out var posted) && posted.Count > 0 ? posted[0]
            : http.Request.Query.TryGetValue("returnUrl", out var query) && query.Count > 0 ? query[0]
            : null;
        return Safe(returnUrl, string.Empty) is { Length: > 0 } url
            ? url
            : http.RequestServices.GetRequiredService<LinkGenerator>().GetPathByPage(http, fallbackPage)!;
    }

    private static bool InSection(string url, string prefix) =>
        url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (url.Length == prefix.Length || url[prefix.Length] is '/' or '?' or '#');
}
