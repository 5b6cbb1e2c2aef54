using FakeShop.Application.Catalog.ListCategories;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace FakeShop.Web.ViewComponents;

public sealed class CategoryMenuViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await mediator.Send(new ListCategoriesQuery(), HttpContext.RequestAborted));
}
