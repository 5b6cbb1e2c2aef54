using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Cart;

/// <summary>
/// The "added to your cart" flash of <c>POST /cart/add</c>, written as the very TempData cookie the pages and
/// <see cref="Caching.PageHoleMiddleware"/> read (<see cref="FlashCookie"/>: same serializer, same Data Protection
/// purpose, same cookie options), but sealed once per distinct content instead of once per post. Sealing (a Data
/// Protection Protect: subkey derivation, AES and HMAC in OpenSSL, plus TempData's JSON) was ≈ 10 % of the app's CPU
/// per add (perf under bench load, docs/performance.md); the content is the same sentence for every add of a product in a
/// language. A sealed value may be sent to many browsers: it holds only that sentence, nothing of a visitor, and a
/// visitor could replay their own flash anyway. Bounded (<see cref="BoundedMemo{TKey, TValue}"/>: the product name in the
/// sentence comes from the form).
/// </summary>
public sealed class AddedFlashCookie(IDataProtectionProvider protection, TempDataSerializer serializer, IOptions<CookieTempDataProviderOptions> options)
{
    internal const int Capacity = 1024;

    /// <summary>The purpose <see cref="Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider"/> protects with: its reader opens ours.</summary>
    internal const string TempDataPurpose = "Microsoft.AspNetCore.Mvc.CookieTempDataProviderToken.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(TempDataPurpose);
    private readonly BoundedMemo<(string Message, string CartLinks), string> _sealed = new(Capacity);

    /// <summary>Sets the flash cookie with this confirmation and the cart links, as TempData would.</summary>
    public void Write(HttpContext http, string message, string cartLinks)
    {
        if (!_sealed.TryGet((message, cartLinks), out var value))
        {
            value = Seal(message, cartLinks);
            _sealed.Remember((message, cartLinks), value);
        }

        var cookie = options.Value.Cookie.Build(http);
        // CookieTempDataProvider's path rule: the configured path, else the app's path base.
        if (string.IsNullOrEmpty(options.Value.Cookie.Path) && http.Request.PathBase.HasValue)
        {
            cookie.Path = http.Request.PathBase.Value;
        }

        http.Response.Cookies.Append(options.Value.Cookie.Name ?? FlashCookie.Name, value, cookie);
    }

    private string Seal(string message, string cartLinks)
    {
        var values = new Dictionary<string, object>
        {
            [FlashCookie.SuccessKey] = message,
            [Caching.PageHoles.CartLinksKey] = cartLinks,
        };
        return WebEncoders.Base64UrlEncode(_protector.Protect(serializer.Serialize(values)));
    }
}
