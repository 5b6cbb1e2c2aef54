using FakeShop.Application.Common.Exceptions;

namespace FakeShop.Application.Orders.GetMyOrder;

public sealed class GetMyOrderHandler(IShopDbContext db) : IQueryHandler<GetMyOrderQuery, OrderVm>
{
    public async ValueTask<OrderVm> Handle(GetMyOrderQuery query, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.Number == query.Number && o.VisitorId == query.VisitorId, cancellationToken)
            ?? throw new NotFoundException("Order not found.");

        return new OrderVm(
            order.Number, order.Status, order.PlacedAt, order.Customer.FullName, order.Customer.Email, order.Customer.Cpf?.Masked, order.ShippingAddress,
            order.Payment?.CardBrand, order.Payment?.CardLast4,
            order.Lines.OrderBy(l => l.Id).Select(l => new OrderLineVm(l.ProductId, l.ProductName, l.UnitPrice, l.Quantity)).ToList(),
            order.Subtotal, order.Shipping, order.Total, order.PaymentMethod, order.PaymentDueAt);
    }
}
