using FakeShop.Application.Admin.ListAdminOrders;
using FakeShop.Application.Common.Models;
using FakeShop.Domain.Ordering;

namespace FakeShop.Web.Pages.Admin.Orders;

public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public PagedList<AdminOrderRowVm> Orders { get; private set; } = null!;

    public OrderStatus? Status { get; private set; }

    public string? Search { get; private set; }

    public async Task OnGetAsync(string? status, string? q, [FromQuery(Name = "page")] string? pageNumber, CancellationToken ct)
    {
        Status = ParseStatus(status);
        Search = QueryInput.Search(q);
        Orders = await mediator.Send(new ListAdminOrdersQuery(Status, Search, QueryInput.Page(pageNumber)), ct);
    }
}
