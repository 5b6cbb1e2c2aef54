using FakeShop.Application.Orders;
using FakeShop.Application.Orders.GetMyOrder;
using FakeShop.Domain.Ordering;
using FakeShop.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FakeShop.Web.Pages.Orders;

/// <summary>One of the visitor's orders; the confirmation page after checkout is this page with ?placed=1.</summary>
public sealed class DetailsModel(IMediator mediator, VisitorContext visitor) : PageModel
{
    public OrderVm Order { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "placed")]
    public string? Placed { get; set; }

    public bool JustPlaced => Placed == "1";

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        if (visitor.VisitorId is not { } owner || !OrderNumber.IsWellFormed(number))
        {
            return NotFound();
        }

        Order = await mediator.Send(new GetMyOrderQuery(owner, number), ct);
        return Page();
    }
}
