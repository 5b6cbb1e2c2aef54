using Microsoft.AspNetCore.Identity;

namespace FakeShop.Infrastructure.Identity;

/// <summary>
/// Password sign-in with lockout. For an unknown e-mail it still hashes the password, so the response time does not
/// reveal which e-mails have accounts.
/// </summary>
public sealed class ShopSignIn(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, IPasswordHasher<IdentityUser> hasher)
{
    private static readonly IdentityUser Decoy = new() { UserName = "decoy@invalid" };
    private static string? _decoyHash;

    public async Task<LoginOutcome> PasswordSignInAsync(string email, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            _decoyHash ??= hasher.HashPassword(Decoy, "decoy-password-for-timing");
            hasher.VerifyHashedPassword(Decoy, _decoyHash, password);
            return LoginOutcome.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        return result.Succeeded ? LoginOutcome.Succeeded : LoginOutcome.Failed;
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    /// <summary>True when the user is locked out now; for tests and the audit of the lockout rule.</summary>
    public async Task<bool> IsLockedOutAsync(string email) =>
        await users.FindByEmailAsync(email) is { } user && await users.IsLockedOutAsync(user);
}
