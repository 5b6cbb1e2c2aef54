namespace FakeShop.Application.Payments.ConfirmPixPayment;

/// <summary>
/// A Pix provider's "charge paid" event, after its signature was checked. <see cref="OccurredAt"/> is the
/// provider's time of the event, inside the signed body, so an old event cannot be replayed with a fresh date.
/// Refusals (docs/decisions/0017): NotFoundException for an unknown txid; ConflictException
/// <see cref="PixRefusals.Replayed"/> for an event seen before or outside the time tolerance; DomainException
/// <see cref="PixRefusals.NotAwaitingPayment"/> or <see cref="PixRefusals.AmountMismatch"/>.
/// </summary>
public sealed record ConfirmPixPaymentCommand(string EventId, string TxId, decimal Amount, DateTimeOffset OccurredAt) : ICommand;

public static class PixRefusals
{
    /// <summary>This very event was already applied, or its time is outside the tolerance.</summary>
    public const string Replayed = "pix.replayed";

    /// <summary>The order is no longer awaiting payment (paid by another event, or expired).</summary>
    public const string NotAwaitingPayment = "pix.not_awaiting_payment";

    /// <summary>The amount paid is not the order's total.</summary>
    public const string AmountMismatch = "pix.amount_mismatch";
}
