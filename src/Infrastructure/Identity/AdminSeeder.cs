using FakeShop.Application.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeShop.Infrastructure.Identity;

/// <summary>
/// Makes sure the Admin role exists and, when configured, the first admin user. It never changes the password of an
/// existing user: after the first start the password belongs to the person, not to the deployment.
/// </summary>
public sealed partial class AdminSeeder(IServiceProvider services, IOptions<AdminOptions> options, ILogger<AdminSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        cancellationToken.ThrowIfCancellationRequested();
        var email = options.Value.Email?.Trim();
        var password = options.Value.Password;
        var configured = !string.IsNullOrEmpty(email) && !string.IsNullOrEmpty(password);

        // Every start after the first finds everything in place. Identity would find that out with the process's
        // first LINQ queries, compiled before /health/ready; one plain SELECT says so (docs/performance.md,
        // "Start-up, fifth round"). Anything missing goes the Identity way below.
        if (await AdminPresence.IsInPlaceAsync(scope.ServiceProvider, configured ? email : null, cancellationToken))
        {
            if (!configured)
            {
                LogNoAdmin();
            }

            return;
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (!await roles.RoleExistsAsync(ShopRoles.Admin))
        {
            Ensure(await roles.CreateAsync(new IdentityRole(ShopRoles.Admin)), "create the Admin role");
        }

        if (!configured)
        {
            LogNoAdmin();
            return;
        }

        var user = await users.FindByEmailAsync(email!);
        if (user is null)
        {
            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            Ensure(await users.CreateAsync(user, password!), "create the admin user " + LogRedaction.MaskEmail(email!));
            LogCreated(LogRedaction.MaskEmail(email!));
        }

        if (!await users.IsInRoleAsync(user, ShopRoles.Admin))
        {
            Ensure(await users.AddToRoleAsync(user, ShopRoles.Admin), "add " + LogRedaction.MaskEmail(email!) + " to the Admin role");
        }
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            // Typically a password that breaks the policy: say which rule, never the password.
            throw new InvalidOperationException($"Could not {what}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin user created: set Admin:Email and Admin:Password (e.g. Admin__Email / Admin__Password) to create the first one")]
    private partial void LogNoAdmin();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin user {Email}")]
    private partial void LogCreated(string email); // masked: logs are shipped and kept, addresses are personal data
}
