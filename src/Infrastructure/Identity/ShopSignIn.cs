using Microsoft.AspNetCore.Identity;

namespace FakeShop.Infrastructure.Identity;

/// <summary>
/// Password sign-in. Every refusal (unknown e-mail, wrong password, locked account, a client blocked for guessing)
/// does the same work, one password hash verification, so neither the answer nor its time tells them apart.
/// Sign-out changes the security stamp, so a copy of the auth cookie stops working on its next request.
/// </summary>
public sealed class ShopSignIn(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, IPasswordHasher<IdentityUser> hasher, LoginThrottle throttle)
{
    private static readonly IdentityUser Decoy = new() { UserName = "decoy@invalid" };
    private static string? _decoyHash;

    /// <param name="client">The client's address after trusted forwarded headers: the throttle's partition.</param>
    public async Task<LoginOutcome> PasswordSignInAsync(string email, string password, bool remember, string client)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || throttle.IsBlocked(client, email) || await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(user ?? Decoy, user?.PasswordHash ?? DecoyHash(), password);
            throttle.RecordFailure(client, email);
            return LoginOutcome.Failed;
        }

        // No account-wide lockout on failures: it would let anyone lock the admin out (ADR 0012). A lock set by hand
        // (LockoutEnd) is still honoured above.
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            throttle.RecordFailure(client, email);
            return LoginOutcome.Failed;
        }

        throttle.Reset(client, email);
        return LoginOutcome.Succeeded;
    }

    public async Task SignOutAsync()
    {
        if (await users.GetUserAsync(signIn.Context.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>True when the user is locked out now (a lock set by an operator).</summary>
    public async Task<bool> IsLockedOutAsync(string email) =>
        await users.FindByEmailAsync(email) is { } user && await users.IsLockedOutAsync(user);

    private string DecoyHash() => _decoyHash ??= hasher.HashPassword(Decoy, "decoy-password-for-timing");
}
