using FakeShop.Infrastructure.Identity;
using FakeShop.Web.Admin;
using Microsoft.AspNetCore.RateLimiting;

namespace FakeShop.Web.Pages.Account;

/// <summary>
/// Staff sign-in. Every failure (unknown e-mail, wrong password, locked account) shows the same sentence, so the
/// page cannot be used to find out who has an account.
/// </summary>
[EnableRateLimiting(AdminPolicies.LoginLimiter)]
public sealed class LoginModel(ShopSignIn signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await signIn.PasswordSignInAsync(Input.Email!, Input.Password!, Input.RememberMe,
            HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (outcome == LoginOutcome.Succeeded)
        {
            return this.RedirectBack(ReturnUrl, "/Admin/Index");
        }

        Input.Password = null;
        Error = l["The e-mail or password is incorrect, or the account is temporarily locked. Please try again later."];
        return Page();
    }
}
