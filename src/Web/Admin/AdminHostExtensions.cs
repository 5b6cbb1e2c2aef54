using System.Threading.RateLimiting;
using FakeShop.Infrastructure.Identity;
using FakeShop.Web.Operations;
using Microsoft.AspNetCore.RateLimiting;

namespace FakeShop.Web.Admin;

/// <summary>Authentication, the admin policy and the login rate limit, kept out of ShopHost so it stays a list of calls.</summary>
public static class AdminHostExtensions
{
    public static WebApplicationBuilder AddShopAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddShopIdentity(builder.Configuration);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.AdminOnly, p => p.RequireAuthenticatedUser().RequireRole(ShopRoles.Admin));
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Admin", AdminPolicies.AdminOnly));

        // Lockout stops guessing one account; this stops one client from spraying many accounts. A named policy,
        // applied by the login page itself ([EnableRateLimiting] on LoginModel); it counts sign-in attempts (POST),
        // not views of the form.
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((o, limits) =>
        {
            var permits = limits.Value.LoginPermitsPerMinute;
            o.AddPolicy(AdminPolicies.LoginLimiter, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return builder;
    }
}
