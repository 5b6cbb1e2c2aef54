using FakeShop.Infrastructure.Identity;
using FakeShop.Testing;
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

    // Every start after the first: the role and the admin are there, and the check is one plain SELECT — Identity's
    // queries (the process's first LINQ queries, compiled before /health/ready) are not asked. The counter sees every
    // command EF sends; Identity's path sends three, all on AspNet* tables.
    [Fact]
    public async Task A_seeded_admin_is_recognised_without_any_of_identitys_queries()
    {
        await App.ResetWithAdminAsync();
        var seeder = new AdminSeeder(App.Factory.Services, Options.Create(new AdminOptions { Email = " " + AdminFixture.AdminEmail.ToUpperInvariant(), Password = AdminFixture.AdminPassword }), new ListLogger());

        using (var counter = new SqlCommandCounter())
        {
            await seeder.SeedAsync(CancellationToken.None);
            // Only Identity's tables: the app's own background work may send a command meanwhile.
            Assert.DoesNotContain(counter.Commands, c => c.Contains("AspNet", StringComparison.Ordinal));
        }

        Assert.Equal(1, await App.Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_admin_taken_out_of_the_role_or_a_deleted_role_is_put_back()
    {
        await App.ResetWithAdminAsync();
        var options = Options.Create(new AdminOptions { Email = AdminFixture.AdminEmail, Password = AdminFixture.AdminPassword });
        await App.Factory.WithDbAsync(db => db.UserRoles.ExecuteDeleteAsync());
        await new AdminSeeder(App.Factory.Services, options, new ListLogger()).SeedAsync(CancellationToken.None);
        Assert.True(await IsAdminAsync());

        await App.Factory.WithDbAsync(db => db.Roles.ExecuteDeleteAsync()); // the membership goes with it
        await new AdminSeeder(App.Factory.Services, options, new ListLogger()).SeedAsync(CancellationToken.None);
        Assert.True(await IsAdminAsync());

        Task<bool> IsAdminAsync() => App.Factory.WithDbAsync(db =>
            (from m in db.UserRoles
             join r in db.Roles on m.RoleId equals r.Id
             join u in db.Users on m.UserId equals u.Id
             where r.Name == ShopRoles.Admin && u.Email == AdminFixture.AdminEmail
             select m).AnyAsync());
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
