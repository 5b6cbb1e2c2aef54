using FakeShop.Application.Common.Exceptions;

namespace FakeShop.Application.Orders.GetMyOrder;

public sealed class GetMyOrderHandler(IShopDbContext db) : IQueryHandler<GetMyOrderQuery, OrderVm>
{
    // The confirmation page after every checkout runs this.
    private static readonly CompiledPerModel<Func<DbContext, string, Guid, CancellationToken, Task<Order?>>> ByNumber = new(Compile);

    public async ValueTask<OrderVm> Handle(GetMyOrderQuery query, CancellationToken cancellationToken)
    {
        var (byNumber, context) = ByNumber.For(db);
        var order = await byNumber(context, query.Number, query.VisitorId, cancellationToken)
            ?? throw new NotFoundException("Order not found.");

        return new OrderVm(
            order.Number, order.Status, order.PlacedAt, order.Customer.FullName, order.Customer.Email, order.Customer.Cpf?.Masked, order.ShippingAddress,
            order.Payment?.CardBrand, order.Payment?.CardLast4,
            order.Lines.OrderBy(l => l.Id).Select(l => new OrderLineVm(l.ProductId, l.ProductName, l.UnitPrice, l.Quantity)).ToList(),
            order.Subtotal, order.Shipping, order.Total, order.PaymentMethod, order.PaymentDueAt);
    }

    private static Func<DbContext, string, Guid, CancellationToken, Task<Order?>> Compile() =>
        EF.CompileAsyncQuery((DbContext db, string number, Guid visitorId, CancellationToken ct) =>
            db.Set<Order>().AsNoTracking().Include(o => o.Lines).FirstOrDefault(o => o.Number == number && o.VisitorId == visitorId));
}
