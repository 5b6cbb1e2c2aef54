using FakeShop.Application.Common.Exceptions;
using FakeShop.Application.Payments.Pix;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Payments.ConfirmPixPayment;

/// <summary>
/// Marks the order of a paid Pix charge paid. Every other case changes nothing and throws why, so the webhook can
/// refuse and log it: an unknown txid, an event seen before or too old, an order that no longer awaits payment
/// (expired meanwhile: its stock is already released), an amount that is not the order's total.
/// </summary>
public sealed class ConfirmPixPaymentHandler(IShopDbContext db, IOptions<PixOptions> options, TimeProvider clock)
    : ICommandHandler<ConfirmPixPaymentCommand>
{
    public async ValueTask<Unit> Handle(ConfirmPixPaymentCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tolerance = TimeSpan.FromSeconds(options.Value.WebhookToleranceSeconds);
        if (command.OccurredAt < now - tolerance || command.OccurredAt > now + tolerance)
        {
            throw Replayed();
        }

        var order = await db.Orders.FirstOrDefaultAsync(o => o.Pix!.TxId == command.TxId, cancellationToken);
        if (order?.Pix is null)
        {
            throw new NotFoundException("No order has this txid.");
        }

        if (order.Pix.PaidEventId == command.EventId)
        {
            throw Replayed();
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            throw NotAwaitingPayment();
        }

        if (Money.Brl(command.Amount) != order.Total)
        {
            throw new DomainException(PixRefusals.AmountMismatch, "The amount paid is not the order's total.");
        }

        order.ConfirmPixPayment(command.EventId, now);
        try
        {
            await db.SaveAsync(cancellationToken);
        }
        catch (ConflictException)
        {
            // A second delivery of the same event, or the expiry sweep, changed the order first (its version moved):
            // that one decided, this one changes nothing.
            db.DiscardChanges();
            var current = await db.Orders.AsNoTracking().Where(o => o.Id == order.Id).Select(o => o.Pix!.PaidEventId).FirstAsync(cancellationToken);
            throw current == command.EventId ? Replayed() : NotAwaitingPayment();
        }

        return Unit.Value;
    }

    private static ConflictException Replayed() => new(PixRefusals.Replayed, "This event was applied before, or its time is outside the tolerance.");

    private static DomainException NotAwaitingPayment() =>
        new(PixRefusals.NotAwaitingPayment, "The order is no longer awaiting payment.");
}
