using FakeShop.Application.Catalog;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Application.Payments.Pix;

namespace FakeShop.Application.Payments.ExpirePixCharges;

public sealed class ExpirePixChargesHandler(IShopDbContext db, IPixGateway gateway, TimeProvider clock, IEnumerable<ICatalogChangeObserver> observers) : ICommandHandler<ExpirePixChargesCommand, int>
{
    public async ValueTask<int> Handle(ExpirePixChargesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentMethod == PaymentMethod.Pix && o.PaymentDueAt <= now)
            .OrderBy(o => o.PaymentDueAt)
            .Select(o => o.Id)
            .Take(command.BatchSize)
            .ToListAsync(cancellationToken);

        var settled = 0;
        foreach (var id in due)
        {
            if (await SettleAsync(id, now, cancellationToken))
            {
                settled++;
            }

            db.DiscardChanges();
        }

        if (settled > 0)
        {
            // Stock went back (committed by now): pages showing it sold out must not be served from the cache.
            foreach (var observer in observers)
            {
                observer.CatalogChanged();
            }
        }

        return settled;
    }

    /// <summary>
    /// One order, in its own transaction: the status change is version-checked, so if a webhook paid the order a
    /// moment ago the save fails, the stock release rolls back with it, and the payment stands.
    /// </summary>
    private async Task<bool> SettleAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == id, ct);
        if (order.Status != OrderStatus.AwaitingPayment)
        {
            return false;
        }

        // Ask the provider before giving up on the money: a paid charge whose webhook never arrived is still paid.
        var charge = order.Pix is null ? null : await gateway.GetChargeAsync(order.Pix.TxId, ct);
        try
        {
            await db.SaveInTransactionAsync(async token =>
            {
                if (charge is { Status: PixChargeStatus.Paid })
                {
                    order.ConfirmPixPayment("reconciled-" + charge.TxId, now);
                }
                else
                {
                    order.FailPayment("pix-expiry", now);
                    await StockStore.ReturnAsync(db, order.Lines.Select(l => (l.ProductId, l.Quantity)), token);
                }

                await db.SaveChangesAsync(token);
            }, ct);
            return true;
        }
        catch (ConflictException)
        {
            // Leaving the transaction by throwing rolled the stock release back with the status change.
            return false;
        }
    }
}
