using FakeShop.Infrastructure.Identity;
using FakeShop.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Admin.Tests;

/// <summary>The app with a configured first admin. Resets also empty AspNetUsers, so the admin is seeded again.</summary>
public sealed class AdminFixture : ShopAppFixture
{
    public const string AdminEmail = "boss@fakeshop.test";
    public const string AdminPassword = "Test-Admin#2026";

    protected override string DatabaseName => "fakeshop_admin";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Email"] = AdminEmail,
        ["Admin:Password"] = AdminPassword,
        // Every test client gets its own X-Forwarded-For address, so the per-client limits stay realistic.
        ["RateLimiting:LoginPermitsPerMinute"] = "10",
    };

    public async Task ResetWithAdminAsync()
    {
        await ResetAsync();
        await Factory.Services.GetRequiredService<AdminSeeder>().SeedAsync(CancellationToken.None);
    }
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminFixture>
{
    public const string Name = "admin";
}
