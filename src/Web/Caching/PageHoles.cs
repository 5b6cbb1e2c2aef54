namespace FakeShop.Web.Caching;

/// <summary>
/// The per-visitor parts of a public page (docs/decisions/0008): when a request carries this feature, the layout
/// writes markers instead of the cart count and the flash message, the page is the same for everyone (and may be
/// cached), and <see cref="PageHoleMiddleware"/> fills the markers with this visitor's values as the bytes go out.
/// The markers start with "&lt;", which the HTML encoder always escapes, so text a visitor controls (a search
/// query echoed in the page, a product name) can never contain one.
/// </summary>
public sealed class PageHoles(int cartCount, string? flash, string? flashError, string? flashCartLinks = null)
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

    /// <summary>After an add to cart: the two link texts "view cart" and "checkout", newline-separated, in the visitor's language.</summary>
    public string? FlashCartLinks { get; } = flashCartLinks;

    /// <summary>The TempData key for <see cref="FlashCartLinks"/>.</summary>
    public const string CartLinksKey = "FlashCart";

    /// <summary>
    /// Set by <see cref="PageCachePolicy"/> when the page cache served this page or will store it: the body is then
    /// the shared page (markers, nothing personal) and may be kept in <see cref="PreparedPages"/>.
    /// </summary>
    public bool Shareable { get; internal set; }

    public static PageHoles? Of(HttpContext http) => http.Features.Get<PageHoles>();

    /// <summary>
    /// The flash messages' markup, HTML-encoded. The one place it is written: the layout's <c>_Flash</c> partial uses
    /// it for rendered pages, the filler for pages with holes.
    /// </summary>
    public static string FlashHtml(string? flash, string? flashError, string? cartLinks = null)
    {
        if (flash is null && flashError is null)
        {
            return string.Empty;
        }

        var encoder = ShopHtmlEncoder.Instance;
        var html = string.Empty;
        if (flash is not null)
        {
            // After an add to cart the message floats at the bottom of the screen: the shopper was sent back to the
            // product they added (an anchor), not to the top of the page where a plain alert would sit unseen.
            var links = cartLinks?.Split('\n') is [var view, var checkout]
                ? $" <a href=\"/cart\" class=\"alert-link\" id=\"flash-view-cart\">{encoder.Encode(view)}</a> · <a href=\"/checkout\" class=\"alert-link\" id=\"flash-checkout\">{encoder.Encode(checkout)}</a>"
                : string.Empty;
            var toast = links.Length > 0 ? " flash-toast" : string.Empty;
            html += $"<div class=\"alert alert-success{toast}\" role=\"status\" id=\"flash\">{encoder.Encode(flash)}{links}</div>";
        }

        if (flashError is not null)
        {
            html += $"<div class=\"alert alert-danger\" role=\"alert\" id=\"flash-error\">{encoder.Encode(flashError)}</div>";
        }

        return html;
    }
}
