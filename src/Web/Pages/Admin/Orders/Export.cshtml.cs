using FakeShop.Application.Admin.ExportOrders;
using FakeShop.Web.Infrastructure;
using FakeShop.Web.Localization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Pages.Admin.Orders;

/// <summary>The order list's current filter as a CSV download.</summary>
public sealed class ExportModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public async Task<IActionResult> OnGetAsync(string? status, string? q, CancellationToken ct)
    {
        var csv = await mediator.Send(new ExportOrdersQuery(ParseStatus(status), QueryInput.Search(q)), ct);
        return File(csv.Content, CsvFile.ContentType, csv.FileName);
    }
}
