using FakeShop.Application.Checkout.PlaceOrder;
using FakeShop.Application.Payments;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Checkout.SettleOverduePayments;

/// <summary>
/// For each overdue order, asks the gateway what it answered for the order's idempotency key: an approval it never
/// got to record makes the order Paid; anything else (declined, failed, never arrived) releases the reservation. When
/// the gateway cannot be asked, the order waits for the next sweep: releasing it could drop a payment that was made. Settling is version-checked (<see cref="PaymentSettlement"/>), so replicas sweeping at the same
/// time, or a late checkout request, settle each order once.
/// </summary>
public sealed class SettleOverduePaymentsHandler(
    IShopDbContext db,
    IPaymentGateway gateway,
    PaymentSettlement settlement,
    IOptions<PaymentOptions> payments,
    TimeProvider clock) : ICommandHandler<SettleOverduePaymentsCommand, SettleOverduePaymentsResult>
{
    public async ValueTask<SettleOverduePaymentsResult> Handle(SettleOverduePaymentsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var overdue = await db.Orders.AsNoTracking()
            // Pix orders are settled by ExpirePixCharges, which asks the Pix provider, not the card gateway.
            .Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentDueAt <= now && o.PaymentMethod != PaymentMethod.Pix)
            .OrderBy(o => o.PaymentDueAt)
            .Take(command.MaxOrders)
            .Select(o => new { o.Id, o.CheckoutToken, o.PaymentMethod })
            .ToListAsync(cancellationToken);

        int paid = 0, released = 0;
        foreach (var order in overdue)
        {
            var (reached, answer) = order.PaymentMethod == PaymentMethod.Card
                ? await AskGatewayAsync(PlaceOrderHandler.IdempotencyKey(order.CheckoutToken), cancellationToken)
                : (true, null);
            if (!reached)
            {
                continue;
            }

            var approved = answer is { Outcome: PaymentOutcome.Approved, AuthorizationId: { } authorization }
                ? new PaymentDetails(answer.CardBrand, answer.CardLast4, authorization)
                : null;
            var status = await settlement.SettleAsync(order.Id, approved, "sweeper", cancellationToken);
            db.DiscardChanges();
            if (status == OrderStatus.Paid && approved is not null)
            {
                paid++;
            }
            else if (status == OrderStatus.PaymentFailed)
            {
                released++;
            }
        }

        return new SettleOverduePaymentsResult(paid, released);
    }

    private async Task<(bool Reached, PaymentResult? Answer)> AskGatewayAsync(string key, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(payments.Value.GatewayTimeout);
        try
        {
            return (true, await gateway.FindAsync(key, timeout.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (false, null);
        }
        catch (HttpRequestException)
        {
            return (false, null);
        }
    }
}
