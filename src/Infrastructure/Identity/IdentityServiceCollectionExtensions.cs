using FakeShop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Identity with its EF stores in the shop database, cookie sign-in, a per-client login throttle.</summary>
    public static IServiceCollection AddShopIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.SectionName));
        services.AddIdentity<IdentityUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ShopDbContext>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "fs_auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A signed-in user without the role gets a real 403 (rendered by the status page), not a redirect to 200.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Every request with an auth cookie checks its security stamp against the database (a few indexed reads, on
        // staff pages only), so signing out, or changing the password, revokes every copy of the cookie at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddMemoryCache();
        services.AddOptions<LoginThrottleOptions>()
            .Bind(configuration.GetSection(LoginThrottleOptions.SectionName))
            .Validate(o => o.FailuresPerClient is >= 1 and <= 1000, "Login:FailuresPerClient must be between 1 and 1000.")
            .Validate(o => o.BlockMinutes is >= 1 and <= 1440, "Login:BlockMinutes must be between 1 and 1440.")
            .ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<ShopSignIn>();
        services.AddSingleton<AdminSeeder>();
        return services;
    }
}
