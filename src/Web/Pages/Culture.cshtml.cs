using Microsoft.AspNetCore.Localization;

namespace FakeShop.Web.Pages;

/// <summary>
/// The language switcher: remembers the choice in a cookie and returns to the same page. Its form is on every cached
/// public page, which cannot carry a personal antiforgery token; cross-site posts are refused by
/// CrossOriginProtectionMiddleware instead (docs/decisions/0007).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = ShopCultures.Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase))
            ?? ShopCultures.Portuguese;
        Response.Cookies.Append(
            ShopCultures.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        return this.RedirectBack(returnUrl, "/Index");
    }
}
