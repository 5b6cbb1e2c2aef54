namespace FakeShop.Application.Admin.ExportOrders;

/// <param name="Translate">
/// English header or status name in, the admin's language out (issue 13). The sentences live with the web layer's
/// resources, so it hands its localizer over; without one the file is in English.
/// </param>
public sealed record ExportOrdersQuery(OrderStatus? Status = null, string? Search = null, Func<string, string>? Translate = null) : IQuery<CsvFile>
{
    /// <summary>The column headers, in English: each is a translation key too.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["Order", "Placed at (Brasília)", "Status", "First name", "Last name", "E-mail", "Phone", "City", "State", "Items", "Subtotal", "Shipping", "Total"];

    /// <summary>A spreadsheet export, not a backup: beyond this the filter should be narrowed.</summary>
    public const int MaxRows = 50_000;
}
