using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Payments.ConfirmPixPayment;

/// <summary>
/// Marks the order of a paid Pix charge paid. Every other case changes nothing and says why, so the webhook can
/// refuse and log it: an unknown txid, an event seen before or too old, an order that no longer awaits payment
/// (expired meanwhile: its stock is already released), an amount that is not the order's total.
/// </summary>
public sealed class ConfirmPixPaymentHandler(IShopDbContext db, IOptions<PixOptions> options, TimeProvider clock)
    : ICommandHandler<ConfirmPixPaymentCommand, ConfirmPixPaymentOutcome>
{
    public async ValueTask<ConfirmPixPaymentOutcome> Handle(ConfirmPixPaymentCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tolerance = TimeSpan.FromSeconds(options.Value.WebhookToleranceSeconds);
        if (command.OccurredAt < now - tolerance || command.OccurredAt > now + tolerance)
        {
            return ConfirmPixPaymentOutcome.Replayed;
        }

        var order = await db.Orders.FirstOrDefaultAsync(o => o.Pix!.TxId == command.TxId, cancellationToken);
        if (order?.Pix is null)
        {
            return ConfirmPixPaymentOutcome.UnknownCharge;
        }

        if (order.Pix.PaidEventId == command.EventId)
        {
            return ConfirmPixPaymentOutcome.Replayed;
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            return ConfirmPixPaymentOutcome.NotAwaitingPayment;
        }

        if (Money.Brl(command.Amount) != order.Total)
        {
            return ConfirmPixPaymentOutcome.AmountMismatch;
        }

        order.ConfirmPixPayment(command.EventId, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A second delivery of the same event, or the expiry sweep, changed the order first (its version moved):
            // that one decided, this one changes nothing.
            db.DiscardChanges();
            var current = await db.Orders.AsNoTracking().Where(o => o.Id == order.Id).Select(o => o.Pix!.PaidEventId).FirstAsync(cancellationToken);
            return current == command.EventId ? ConfirmPixPaymentOutcome.Replayed : ConfirmPixPaymentOutcome.NotAwaitingPayment;
        }

        return ConfirmPixPaymentOutcome.Paid;
    }
}
