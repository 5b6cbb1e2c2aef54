using System.Globalization;

namespace FakeShop.Application.Admin.ExportOrders;

/// <summary>The filtered order list as CSV. Card brand and digits are left out on purpose: a spreadsheet travels.</summary>
public sealed class ExportOrdersHandler(IShopDbContext db, TimeProvider clock) : IQueryHandler<ExportOrdersQuery, CsvFile>
{
    public async ValueTask<CsvFile> Handle(ExportOrdersQuery query, CancellationToken cancellationToken)
    {
        var rows = await AdminOrderFilter.Apply(db.Orders.AsNoTracking(), query.Status, query.Search)
            .OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Number)
            .Take(ExportOrdersQuery.MaxRows)
            .Select(o => new
            {
                o.Number,
                o.PlacedAt,
                o.Status,
                o.Customer.FirstName,
                o.Customer.LastName,
                o.Customer.Email,
                o.Customer.Phone,
                o.ShippingAddress.City,
                o.ShippingAddress.Uf,
                Items = o.Lines.Sum(l => l.Quantity),
                o.Subtotal,
                o.Shipping,
                o.Total,
            })
            .ToListAsync(cancellationToken);

        var translate = query.Translate ?? (text => text);
        var csv = new CsvWriter();
        foreach (var header in ExportOrdersQuery.Headers)
        {
            csv.Text(translate(header));
        }

        csv.EndLine();
        foreach (var r in rows)
        {
            csv.Text(r.Number)
                .Text(BrasiliaTime.ToLocal(r.PlacedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                .Text(translate(r.Status.ToString()))
                .Text(r.FirstName).Text(r.LastName).Text(r.Email).Text(r.Phone).Text(r.City).Text(r.Uf.Code)
                .Count(r.Items)
                .Number(r.Subtotal.Amount).Number(r.Shipping.Amount).Number(r.Total.Amount)
                .EndLine();
        }

        var stamp = BrasiliaTime.ToLocal(clock.GetUtcNow()).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return new CsvFile($"orders-{stamp}.csv", csv.ToBytes());
    }
}
