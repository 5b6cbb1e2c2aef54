namespace FakeShop.Web.Operations;

/// <summary>
/// On SIGTERM the host first fires ApplicationStopping (readiness turns 503 through ShutdownState), then calls every
/// lifecycle service's StoppingAsync, and only then stops the web server. Waiting here keeps the listener open for
/// the drain delay, so requests a load balancer still routes to this replica are served while it notices the
/// failing probe. Afterwards Kestrel stops accepting and lets in-flight requests finish within the shutdown timeout.
/// </summary>
public sealed partial class ShutdownDrain(IOptions<ShutdownOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.DrainDelay <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(settings.DrainDelay.TotalSeconds);
        try
        {
            await Task.Delay(settings.DrainDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out: stop now rather than be killed.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: readiness is failing; still serving for {Seconds} s so load balancers can move traffic away")]
    private partial void LogDraining(double seconds);
}
