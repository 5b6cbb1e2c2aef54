using Mediator;

namespace FakeShop.Application.Payments.ConfirmPixPayment;

/// <summary>
/// A Pix provider's "charge paid" event, after its signature was checked. <see cref="OccurredAt"/> is the
/// provider's time of the event, inside the signed body, so an old event cannot be replayed with a fresh date.
/// </summary>
public sealed record ConfirmPixPaymentCommand(string EventId, string TxId, decimal Amount, DateTimeOffset OccurredAt) : ICommand<ConfirmPixPaymentOutcome>;

public enum ConfirmPixPaymentOutcome
{
    Paid,

    /// <summary>No order has this txid.</summary>
    UnknownCharge,

    /// <summary>This very event was already applied, or its time is outside the tolerance.</summary>
    Replayed,

    /// <summary>The order is no longer awaiting payment (paid by another event, or expired).</summary>
    NotAwaitingPayment,

    /// <summary>The amount paid is not the order's total.</summary>
    AmountMismatch,
}
