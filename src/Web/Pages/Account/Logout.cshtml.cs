using FakeShop.Infrastructure.Identity;

namespace FakeShop.Web.Pages.Account;

/// <summary>Sign-out is a POST with an antiforgery token, so a link on another site cannot log an admin out.</summary>
public sealed class LogoutModel(ShopSignIn signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
