using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// The one-time messages shown after a redirect, and the cookie that carries them (TempData). Every writer and reader
/// goes through these keys: pages, the add-to-cart endpoint, the layout's <c>_Flash</c> partial and the page-hole
/// middleware that fills the message into cached pages (ADR 8).
/// </summary>
public static class FlashCookie
{
    public const string Name = "fs_flash";

    /// <summary>TempData key of the confirmation ("Saved.", "Added to your cart.").</summary>
    public const string SuccessKey = "Flash";

    /// <summary>TempData key of the refusal ("Sorry, this product is sold out.").</summary>
    public const string ErrorKey = "FlashError";

    public static bool IsPresent(HttpContext context) => context.Request.Cookies.ContainsKey(Name);

    /// <summary>A confirmation for the page the visitor is redirected to.</summary>
    public static void Flash(this ITempDataDictionary tempData, string message) => tempData[SuccessKey] = message;

    /// <summary>A refusal for the page the visitor is redirected to.</summary>
    public static void FlashError(this ITempDataDictionary tempData, string message) => tempData[ErrorKey] = message;
}
