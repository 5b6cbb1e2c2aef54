using FakeShop.Application.Catalog.GetHomePage;

namespace FakeShop.Web.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public HomePageVm Home { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => Home = await mediator.Send(new GetHomePageQuery(), ct);
}
