using FakeShop.Application.Checkout.SettleOverduePayments;
using FakeShop.Application.Payments;

namespace FakeShop.Web.Payments;

/// <summary>
/// Every <see cref="PaymentOptions.SweepIntervalSeconds"/>, settles the orders left awaiting payment past their
/// reservation (a checkout request that died between reserving and recording the payment). Every replica sweeps;
/// settling is version-checked, so they never settle an order twice.
/// </summary>
public sealed partial class PaymentSweeper(IServiceScopeFactory scopes, IOptions<PaymentOptions> options, ILogger<PaymentSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepOnceAsync(stoppingToken);
        }
    }

    public async Task<SettleOverduePaymentsResult?> SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SettleOverduePaymentsCommand(), stoppingToken);
            if (result.Paid + result.Released > 0)
            {
                LogSettled(logger, result.Paid, result.Released);
            }

            return result;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A database outage must not stop the host; the next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSweepFailed(logger, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment sweeper settled overdue orders: {Paid} paid, {Released} released")]
    private static partial void LogSettled(ILogger logger, int paid, int released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment sweep failed; retrying at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
