namespace FakeShop.Infrastructure.Identity;

/// <summary>
/// The first administrator, from configuration (environment variables <c>Admin__Email</c> / <c>Admin__Password</c>
/// or a Kubernetes secret). There is deliberately no default: without both values no admin is created.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
