using FakeShop.Web.Localization;

namespace FakeShop.Web.Caching;

/// <summary>
/// The per-visitor parts of a public page (docs/decisions/0008): when a request carries this feature, the layout
/// writes markers instead of the cart count and the flash message, the page is the same for everyone (and may be
/// cached), and <see cref="PageHoleMiddleware"/> fills the markers with this visitor's values as the bytes go out.
/// The markers start with "&lt;", which the HTML encoder always escapes, so text a visitor controls (a search
/// query echoed in the page, a product name) can never contain one.
/// </summary>
public sealed class PageHoles(int cartCount, string? flash, string? flashError)
{
    public const string CartCountMarker = "<!--fs:cart-count-->";

    public const string FlashMarker = "<!--fs:flash-->";

    /// <summary>The common prefix the filler scans for.</summary>
    internal static ReadOnlySpan<byte> Prefix => "<!--fs:"u8;

    internal static ReadOnlySpan<byte> CartCountBytes => "<!--fs:cart-count-->"u8;

    internal static ReadOnlySpan<byte> FlashBytes => "<!--fs:flash-->"u8;

    public int CartCount { get; } = cartCount;

    public string? Flash { get; } = flash;

    public string? FlashError { get; } = flashError;

    public static PageHoles? Of(HttpContext http) => http.Features.Get<PageHoles>();

    /// <summary>
    /// The flash messages' markup, HTML-encoded. The one place it is written: the layout's <c>_Flash</c> partial uses
    /// it for rendered pages, the filler for pages with holes.
    /// </summary>
    public static string FlashHtml(string? flash, string? flashError)
    {
        if (flash is null && flashError is null)
        {
            return string.Empty;
        }

        var encoder = ShopHtmlEncoder.Instance;
        var html = string.Empty;
        if (flash is not null)
        {
            html += $"<div class=\"alert alert-success\" role=\"status\" id=\"flash\">{encoder.Encode(flash)}</div>";
        }

        if (flashError is not null)
        {
            html += $"<div class=\"alert alert-danger\" role=\"alert\" id=\"flash-error\">{encoder.Encode(flashError)}</div>";
        }

        return html;
    }
}
