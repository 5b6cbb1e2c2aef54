using System.Threading.RateLimiting;
using FakeShop.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

        // Lockout stops guessing one account; this stops one client from spraying many accounts.
        var permits = builder.Configuration.GetValue("RateLimiting:LoginPermitsPerMinute", 10);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        AdminPolicies.LoginLimiter + ":" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return builder;
    }
}
