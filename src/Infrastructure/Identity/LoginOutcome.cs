namespace FakeShop.Infrastructure.Identity;

/// <summary>
/// Deliberately coarse: the login page shows one message for every failure, so it cannot tell an attacker whether
/// an e-mail is registered or an account is locked.
/// </summary>
public enum LoginOutcome
{
    Succeeded,
    Failed,
}
