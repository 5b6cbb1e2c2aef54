namespace FakeShop.Web.Pages.Account;

/// <summary>Reached only by typing the address: the cookie handler answers a forbidden request with a plain 403.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
