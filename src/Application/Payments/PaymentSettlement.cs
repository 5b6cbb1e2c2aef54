using FakeShop.Application.Catalog;
using FakeShop.Application.Common.Exceptions;

namespace FakeShop.Application.Payments;

/// <summary>
/// Records the outcome of a payment on an order that awaits it: approved → Paid; otherwise → PaymentFailed with the
/// reserved units returned to stock (a relative UPDATE) in the same transaction. The status change is checked
/// against the order's version, so when two settle the same order (the checkout request and the sweeper, two
/// sweepers, a webhook) exactly one wins and the stock is released at most once; the others get the final status.
/// </summary>
public sealed class PaymentSettlement(IShopDbContext db, ICardApprovalWriter approvals, TimeProvider clock)
{
    /// <summary>
    /// The same for an order this unit of work has just written (the checkout that placed it), tracked or not: an
    /// approval is one UPDATE checked against the version written, without reading the order back first
    /// (docs/decisions/0033), written with the approvals of concurrent checkouts where the provider batches them (ADR 37).
    /// Whoever settled it meanwhile (the sweeper) wins as in the other overload, and a failed payment takes that
    /// overload's path, which reads the order.
    /// </summary>
    public async Task<OrderStatus> SettleAsync(Order placed, PaymentDetails? approved, string by, CancellationToken ct)
    {
        if (approved is null)
        {
            return await SettleAsync(placed.Id, approved, by, ct);
        }

        try
        {
            var written = placed.Version;
            placed.ConfirmCardPayment(approved, by, clock.GetUtcNow());
            await approvals.SaveAsync(placed, written, ct);
            return placed.Status;
        }
        catch (ConflictException)
        {
            // Settled meanwhile (the sweeper).
            return await SettledMeanwhileAsync(placed.Id, ct);
        }
    }

    /// <param name="approved">What the gateway authorised; null when the payment did not go through.</param>
    /// <returns>The order's status afterwards, whoever set it.</returns>
    public async Task<OrderStatus> SettleAsync(Guid orderId, PaymentDetails? approved, string by, CancellationToken ct)
    {
        try
        {
            return await db.SaveInTransactionAsync(async c =>
            {
                var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, c);
                if (order.Status != OrderStatus.AwaitingPayment)
                {
                    return order.Status;
                }

                var now = clock.GetUtcNow();
                if (approved is not null)
                {
                    order.ConfirmCardPayment(approved, by, now);
                    await db.SaveChangesAsync(c);
                }
                else
                {
                    order.FailPayment(by, now);
                    await db.SaveChangesAsync(c);
                    await StockStore.ReturnAsync(db, order.Lines.Select(l => (l.ProductId, l.Quantity)), c);
                }

                return order.Status;
            }, ct);
        }
        catch (ConflictException)
        {
            // Someone settled it between our read and our write.
            return await SettledMeanwhileAsync(orderId, ct);
        }
    }

    /// <summary>Someone else's settlement stands and nothing of ours was written: their status is the answer.</summary>
    private async Task<OrderStatus> SettledMeanwhileAsync(Guid orderId, CancellationToken ct)
    {
        db.DiscardChanges();
        return await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.Status).FirstAsync(ct);
    }
}
