using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FakeShop.Web.Health;

/// <summary>
/// The start-up work that may run while the host starts (the catalogue seed and the first-admin check, ADR 24): until
/// it has finished, /health/ready says "starting" and every other request waits for it, so nothing is served from a
/// half-seeded database (and no half-empty catalogue page lands in the page cache). Opened exactly once, also when
/// that work failed: a failed migration stops the host, a failed admin check is only logged, as before.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _open;

    public bool IsOpen => _open;

    /// <summary>Completes when the start-up work has finished; never faults.</summary>
    public Task Opened => _done.Task;

    public void Open()
    {
        _open = true;
        _done.TrySetResult();
    }
}

public sealed class StartupGateHealthCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen ? HealthCheckResult.Healthy("started") : HealthCheckResult.Unhealthy("starting"));
}

/// <summary>First in the pipeline: once the gate is open it costs one field read per request.</summary>
public sealed class StartupGateMiddleware(RequestDelegate next, StartupGate gate)
{
    public Task InvokeAsync(HttpContext context) =>
        gate.IsOpen || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            ? next(context)
            : WaitThenServeAsync(context);

    private async Task WaitThenServeAsync(HttpContext context)
    {
        await gate.Opened.WaitAsync(context.RequestAborted);
        await next(context);
    }
}
