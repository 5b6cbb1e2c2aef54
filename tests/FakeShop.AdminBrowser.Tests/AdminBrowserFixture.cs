using FakeShop.Infrastructure.Identity;
using FakeShop.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.AdminBrowser.Tests;

/// <summary>The app on a real loopback port (Chromium needs one), with a configured first admin.</summary>
public sealed class AdminBrowserFixture : ShopAppFixture
{
    public const string AdminEmail = "boss@fakeshop.test";
    public const string AdminPassword = "Test-Admin#2026";

    protected override string DatabaseName => "fakeshop_admin_browser";

    protected override bool UseKestrel => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Email"] = AdminEmail,
        ["Admin:Password"] = AdminPassword,
    };

    public async Task ResetWithAdminAsync()
    {
        await ResetAsync();
        await Factory.Services.GetRequiredService<AdminSeeder>().SeedAsync(CancellationToken.None);
    }
}

[CollectionDefinition(Name)]
public sealed class AdminBrowserCollection : ICollectionFixture<AdminBrowserFixture>
{
    public const string Name = "admin-browser";
}
