namespace FakeShop.Web.Admin;

public static class AdminPolicies
{
    /// <summary>Guards the whole /Admin folder: signed in and in the Admin role.</summary>
    public const string AdminOnly = "AdminOnly";

    /// <summary>The rate-limiting policy of the login page: sign-in attempts per client per minute.</summary>
    public const string LoginLimiter = "login";
}
