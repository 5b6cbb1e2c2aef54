using FakeShop.Infrastructure.Database;
using FakeShop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FakeShop.Web.Health;

/// <summary>
/// Ready only when the database answers and every migration this build knows about has been applied. Hand-written
/// rather than the framework's AddDbContextCheck: that one tries to connect (or runs one query) with no time limit,
/// so a database that hangs would hang the readiness probe and a schema behind the build would count as ready.
/// </summary>
public sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            if (!await db.Database.CanConnectAsync(timeout.Token))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }

            return await MigrationHistory.AllAppliedAsync(db, timeout.Token)
                ? HealthCheckResult.Healthy("reachable, schema current")
                : HealthCheckResult.Unhealthy("migrations pending");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
