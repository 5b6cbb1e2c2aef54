namespace FakeShop.Web.Admin;

public static class AdminPolicies
{
    /// <summary>Guards the whole /Admin folder: signed in and in the Admin role.</summary>
    public const string AdminOnly = "AdminOnly";

    /// <summary>Rate-limiter partition name for login attempts.</summary>
    public const string LoginLimiter = "login";
}
