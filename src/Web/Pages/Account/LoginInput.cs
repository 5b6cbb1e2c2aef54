using System.ComponentModel.DataAnnotations;

namespace FakeShop.Web.Pages.Account;

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your e-mail.")]
    [StringLength(254)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200)]
    public string? Password { get; set; }

    public bool RememberMe { get; set; }
}
