using FakeShop.Application.Orders;
using FakeShop.Application.Orders.ListMyOrders;

namespace FakeShop.Web.Pages.Orders;

public sealed class IndexModel(IMediator mediator, VisitorContext visitor) : PageModel
{
    public IReadOnlyList<OrderSummaryVm> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (visitor.VisitorId is { } owner)
        {
            Orders = await mediator.Send(new ListMyOrdersQuery(owner), ct);
        }
    }
}
