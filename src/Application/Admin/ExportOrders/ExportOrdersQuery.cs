using FakeShop.Domain.Ordering;
using Mediator;

namespace FakeShop.Application.Admin.ExportOrders;

public sealed record ExportOrdersQuery(OrderStatus? Status = null, string? Search = null) : IQuery<CsvFile>
{
    /// <summary>A spreadsheet export, not a backup: beyond this the filter should be narrowed.</summary>
    public const int MaxRows = 50_000;
}
