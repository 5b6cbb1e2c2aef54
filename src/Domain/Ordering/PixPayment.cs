using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// The Pix charge of an order: the txid the shop gave it, the BR Code the provider answered with (shown as QR code
/// and "copia e cola" until the order's payment deadline) and, once paid, the id of the webhook event that said so
/// (a second delivery of that event is recognised as a replay).
/// </summary>
public sealed record PixPayment
{
    public const int TxIdMaxLength = 25;
    public const int BrCodeMaxLength = 512;
    public const int EventIdMaxLength = 100;

    private PixPayment()
    {
        TxId = BrCode = string.Empty;
    }

    public PixPayment(string txId, string brCode)
    {
        if (txId is not { Length: > 0 and <= TxIdMaxLength } || !txId.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException("pix.txid", "A Pix txid is 1 to 25 letters or digits.");
        }

        TxId = txId;
        BrCode = Guard.RequiredText(brCode, "pix.br_code", BrCodeMaxLength);
    }

    public string TxId { get; private init; }

    public string BrCode { get; private init; }

    public string? PaidEventId { get; private init; }

    internal PixPayment PaidBy(string eventId) => this with { PaidEventId = Guard.RequiredText(eventId, "pix.event_id", EventIdMaxLength) };
}
