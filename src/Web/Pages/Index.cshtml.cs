using FakeShop.Application.Catalog.GetHomePage;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FakeShop.Web.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public HomePageVm Home { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => Home = await mediator.Send(new GetHomePageQuery(), ct);
}
