using FakeShop.Application.Common.Models;

namespace FakeShop.Application.Admin.ListAdminOrders;

public sealed class ListAdminOrdersHandler(IShopDbContext db) : IQueryHandler<ListAdminOrdersQuery, PagedList<AdminOrderRowVm>>
{
    public async ValueTask<PagedList<AdminOrderRowVm>> Handle(ListAdminOrdersQuery query, CancellationToken cancellationToken)
    {
        var orders = AdminOrderFilter.Apply(db.Orders.AsNoTracking(), query.Status, query.Search);
        var total = await orders.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + AdminCatalog.PageSize - 1) / AdminCatalog.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var items = await orders.OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Number)
            .Skip((page - 1) * AdminCatalog.PageSize).Take(AdminCatalog.PageSize)
            .Select(o => new AdminOrderRowVm(o.Number, o.PlacedAt, o.Customer.FirstName + " " + o.Customer.LastName, o.Customer.Email,
                o.Lines.Sum(l => l.Quantity), o.Total, o.Status))
            .ToListAsync(cancellationToken);
        return new PagedList<AdminOrderRowVm>(items, page, AdminCatalog.PageSize, total);
    }
}
