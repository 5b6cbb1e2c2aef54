using FakeShop.Application.Admin.GetDashboard;
using FakeShop.Web.Admin;

namespace FakeShop.Web.Pages.Admin;

public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public DashboardVm Dashboard { get; private set; } = null!;

    public SalesChart Chart { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Dashboard = await mediator.Send(new GetDashboardQuery(), ct);
        Chart = new SalesChart(Dashboard.Days);
    }
}
