using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FakeShop.Web.Health;

public sealed class ShutdownHealthCheck(ShutdownState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsStopping ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy("serving"));
}
