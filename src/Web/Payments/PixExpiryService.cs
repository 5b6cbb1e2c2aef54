using System.Data.Common;
using FakeShop.Application.Payments.ExpirePixCharges;
using FakeShop.Application.Payments.Pix;

namespace FakeShop.Web.Payments;

/// <summary>
/// Every <c>Payments:Pix:SweepSeconds</c>, settles the Pix orders whose charge expired unpaid (their stock goes back).
/// Every replica runs it; the version check on the order makes two replicas settle an order once.
/// </summary>
public sealed partial class PixExpiryService(IServiceScopeFactory scopes, IOptions<PixOptions> options, ILogger<PixExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var settled = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExpirePixChargesCommand(), stoppingToken);
                if (settled > 0)
                {
                    LogSettled(logger, settled);
                }
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                // A database that is away now is tried again at the next tick; nothing was half-done (one transaction
                // per order).
                LogFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pix: {Count} expired orders settled")]
    private static partial void LogSettled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pix expiry sweep failed, retrying at the next tick: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
