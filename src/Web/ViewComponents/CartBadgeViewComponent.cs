using FakeShop.Application.Carts.GetCartItemCount;
using FakeShop.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace FakeShop.Web.ViewComponents;

/// <summary>The cart link with its item count; visitors without a cart cookie cost no query.</summary>
public sealed class CartBadgeViewComponent(IMediator mediator, VisitorContext visitor) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = visitor.VisitorId is { } id
            ? await mediator.Send(new GetCartItemCountQuery(id), HttpContext.RequestAborted)
            : 0;
        return View(count);
    }
}
