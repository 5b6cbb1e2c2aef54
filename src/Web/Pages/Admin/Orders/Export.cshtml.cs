using FakeShop.Application.Admin.ExportOrders;

namespace FakeShop.Web.Pages.Admin.Orders;

/// <summary>The order list's current filter as a CSV download.</summary>
public sealed class ExportModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public async Task<IActionResult> OnGetAsync(string? status, string? q, CancellationToken ct)
    {
        // Headers and statuses in the admin's language (issue 13); times are Brasília time whatever the language.
        var csv = await mediator.Send(new ExportOrdersQuery(ParseStatus(status), QueryInput.Search(q), text => L[text].Value), ct);
        return File(csv.Content, CsvFile.ContentType, csv.FileName);
    }
}
