namespace FakeShop.Application.Orders.GetMyPixCharge;

public sealed class GetMyPixChargeHandler(IShopDbContext db) : IQueryHandler<GetMyPixChargeQuery, PixChargeVm?>
{
    public async ValueTask<PixChargeVm?> Handle(GetMyPixChargeQuery query, CancellationToken cancellationToken) =>
        await db.Orders.AsNoTracking()
            .Where(o => o.Number == query.Number && o.VisitorId == query.VisitorId && o.PaymentMethod == PaymentMethod.Pix && o.PaymentDueAt != null)
            .Select(o => new PixChargeVm(o.Pix != null ? o.Pix.TxId : null, o.Pix != null ? o.Pix.BrCode : null, o.PaymentDueAt!.Value, o.Status == OrderStatus.AwaitingPayment))
            .FirstOrDefaultAsync(cancellationToken);
}
