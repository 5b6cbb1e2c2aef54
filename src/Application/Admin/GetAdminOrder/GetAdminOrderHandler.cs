using FakeShop.Application.Common.Exceptions;
using FakeShop.Application.Orders;

namespace FakeShop.Application.Admin.GetAdminOrder;

public sealed class GetAdminOrderHandler(IShopDbContext db) : IQueryHandler<GetAdminOrderQuery, AdminOrderVm>
{
    public async ValueTask<AdminOrderVm> Handle(GetAdminOrderQuery query, CancellationToken cancellationToken)
    {
        var number = query.Number.Trim().ToUpperInvariant();
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Lines).Include(o => o.History)
            .FirstOrDefaultAsync(o => o.Number == number, cancellationToken)
            ?? throw new NotFoundException();

        return new AdminOrderVm(
            order.Number,
            order.Status,
            order.PlacedAt,
            order.Customer,
            order.ShippingAddress,
            order.Payment?.CardBrand,
            order.Payment?.CardLast4,
            order.Lines.Select(l => new OrderLineVm(l.ProductId, l.ProductName, l.UnitPrice, l.Quantity)).ToList(),
            order.Subtotal,
            order.Shipping,
            order.Total,
            // Id breaks ties between changes made in the same instant.
            order.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => new OrderHistoryVm(h.Status, h.ChangedBy, h.ChangedAt)).ToList(),
            OrderStatusMachine.StaffNextOf(order.Status),
            order.PaymentMethod,
            order.PaymentDueAt);
    }
}
