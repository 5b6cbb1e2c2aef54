using System.Collections.Concurrent;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Payments;
using Microsoft.Extensions.Options;

namespace FakeShop.Infrastructure.Payments;

/// <summary>
/// A stand-in Pix provider. It builds the BR Code the way a provider would (the shop's key, name and city, the
/// amount and the txid) and remembers its charges in memory, as a real provider keeps them on its side. The shop
/// never depends on that memory: the order row holds the txid, code and expiry, and only a signed webhook marks
/// an order paid, so a restart or a second replica loses nothing that matters.
/// </summary>
public sealed class FakePixGateway(IOptions<PixOptions> options, TimeProvider clock) : IPixGateway
{
    private readonly ConcurrentDictionary<string, PixCharge> _charges = new(StringComparer.Ordinal);

    public Task<PixCharge> CreateChargeAsync(PixChargeRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var brCode = PixBrCode.Build(settings.Key, settings.MerchantName, settings.MerchantCity, request.Amount, request.TxId, singleUse: true);
        var charge = new PixCharge(request.TxId, request.Amount, brCode, clock.GetUtcNow() + request.Expiry, PixChargeStatus.Active);

        // Creating the same txid twice answers the first charge, as the Pix API's PUT /cob/{txid} does.
        return Task.FromResult(_charges.GetOrAdd(request.TxId, charge));
    }

    public Task<PixCharge?> GetChargeAsync(string txId, CancellationToken cancellationToken)
    {
        if (!_charges.TryGetValue(txId, out var charge))
        {
            return Task.FromResult<PixCharge?>(null);
        }

        if (charge.Status == PixChargeStatus.Active && clock.GetUtcNow() >= charge.ExpiresAt)
        {
            charge = _charges.AddOrUpdate(txId, charge, (_, current) => current.Status == PixChargeStatus.Active ? current with { Status = PixChargeStatus.Expired } : current);
        }

        return Task.FromResult<PixCharge?>(charge);
    }

    /// <summary>The payer paid (Development's "simulate payment"): true if the charge could still be paid.</summary>
    public bool Pay(string txId)
    {
        while (_charges.TryGetValue(txId, out var charge))
        {
            if (charge.Status != PixChargeStatus.Active || clock.GetUtcNow() >= charge.ExpiresAt)
            {
                return false;
            }

            if (_charges.TryUpdate(txId, charge with { Status = PixChargeStatus.Paid }, charge))
            {
                return true;
            }
        }

        return false;
    }
}
