namespace FakeShop.Application.Payments.Pix;

/// <summary>
/// A payment provider's Pix charges ("cobranças"): the shop names the charge (txid), the provider answers with the
/// BR Code to show and later tells the shop by webhook that it was paid.
/// </summary>
public interface IPixGateway
{
    Task<PixCharge> CreateChargeAsync(PixChargeRequest request, CancellationToken cancellationToken);

    /// <summary>The charge as the provider sees it now; null when it does not know the txid.</summary>
    Task<PixCharge?> GetChargeAsync(string txId, CancellationToken cancellationToken);
}

public sealed record PixChargeRequest(string TxId, Money Amount, TimeSpan Expiry, string Reference);

public sealed record PixCharge(string TxId, Money Amount, string BrCode, DateTimeOffset ExpiresAt, PixChargeStatus Status);

public enum PixChargeStatus
{
    Active,
    Paid,
    Expired,
}
