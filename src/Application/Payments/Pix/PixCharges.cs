namespace FakeShop.Application.Payments.Pix;

/// <summary>
/// The Pix step of a checkout, after the order (awaiting payment, stock reserved) is committed: the provider is
/// asked for a charge outside any transaction, and its BR Code is stored on the order. If the provider does not
/// answer, the order keeps waiting without a code (the page says it is being prepared) and expires at its deadline
/// like any unpaid order, releasing the stock.
/// </summary>
public static class PixCharges
{
    public static async Task StartAsync(IShopDbContext db, IPixGateway gateway, PixOptions options, Order order, CancellationToken ct)
    {
        var charge = await gateway.CreateChargeAsync(
            new PixChargeRequest(PixTxId.New(order.Number), order.Total, TimeSpan.FromMinutes(options.ExpiryMinutes), order.Number), ct);
        order.AttachPixCharge(new PixPayment(charge.TxId, charge.BrCode));
        await db.SaveChangesAsync(ct);
    }
}
