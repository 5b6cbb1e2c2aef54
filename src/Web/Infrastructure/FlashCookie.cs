namespace FakeShop.Web.Infrastructure;

/// <summary>The cookie that carries a one-time flash message (TempData) across a redirect.</summary>
public static class FlashCookie
{
    public const string Name = "fs_flash";

    public static bool IsPresent(HttpContext context) => context.Request.Cookies.ContainsKey(Name);
}
