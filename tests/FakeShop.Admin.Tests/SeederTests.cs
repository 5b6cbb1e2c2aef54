using FakeShop.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeShop.Admin.Tests;

public sealed class SeederTests(AdminFixture app) : AdminTest(app)
{
    [Fact]
    public async Task Without_settings_no_admin_is_created_and_one_line_says_why()
    {
        await App.ResetAsync();
        var logger = new ListLogger();
        await new AdminSeeder(App.Factory.Services, Options.Create(new AdminOptions()), logger).SeedAsync(CancellationToken.None);

        Assert.Equal(0, await App.Factory.WithDbAsync(db => db.Users.CountAsync()));
        var line = Assert.Single(logger.Lines);
        Assert.Contains("Admin:Email", line, StringComparison.Ordinal);
        Assert.Contains("Admin:Password", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_twice_keeps_one_admin_and_never_resets_a_changed_password()
    {
        var options = Options.Create(new AdminOptions { Email = AdminFixture.AdminEmail, Password = AdminFixture.AdminPassword });
        await App.Factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync();
            user.PasswordHash = "changed-by-the-admin";
            await db.SaveChangesAsync();
        });

        await new AdminSeeder(App.Factory.Services, options, new ListLogger()).SeedAsync(CancellationToken.None);

        var users = await App.Factory.WithDbAsync(db => db.Users.ToListAsync());
        Assert.Equal("changed-by-the-admin", Assert.Single(users).PasswordHash);
    }

    [Fact]
    public async Task A_password_that_breaks_the_policy_fails_loudly_without_showing_it()
    {
        await App.ResetAsync();
        var options = Options.Create(new AdminOptions { Email = "weak@fakeshop.test", Password = "short" });
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new AdminSeeder(App.Factory.Services, options, new ListLogger()).SeedAsync(CancellationToken.None));
        Assert.DoesNotContain("short", ex.Message.Replace("too short", string.Empty, StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<AdminSeeder>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
