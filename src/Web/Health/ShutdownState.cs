namespace FakeShop.Web.Health;

/// <summary>Flips when the host starts stopping, so readiness fails before the listener closes.</summary>
public sealed class ShutdownState
{
    private int _stopping;

    public ShutdownState(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.Register(() => Interlocked.Exchange(ref _stopping, 1));

    public bool IsStopping => Volatile.Read(ref _stopping) == 1;
}
