using FakeShop.Application.Carts.GetCartItemCount;
using FakeShop.Web.Caching;

namespace FakeShop.Web.ViewComponents;

/// <summary>
/// The cart link with its item count. The count comes, cheapest first, from: a marker on pages with holes (filled in
/// as the page goes out, ADR 8); the count the page itself just loaded (the cart page); the visitor's sealed
/// cart-count cookie; and only when none of those is there, the database — after which the cookie is written again, so
/// the next public page can come from the page cache.
/// </summary>
public sealed class CartBadgeViewComponent(IMediator mediator, VisitorContext visitor, CartCountCookie cookie) : ViewComponent
{
    /// <summary>HttpContext.Items key under which a page that loaded the cart leaves its item count.</summary>
    public const string KnownCountKey = "FakeShop.CartCount";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (PageHoles.Of(HttpContext) is not null)
        {
            return View(new CartBadgeCount(PageHoles.CartCountMarker));
        }

        int count;
        if (HttpContext.Items[KnownCountKey] is int known)
        {
            count = known;
            cookie.Sync(HttpContext, visitor, count);
        }
        else if (!cookie.TryRead(Request, out count))
        {
            count = visitor.VisitorId is { } id ? await mediator.Send(new GetCartItemCountQuery(id), HttpContext.RequestAborted) : 0;
            cookie.Sync(HttpContext, visitor, count);
        }

        return View(new CartBadgeCount(count.ToString(CultureInfo.InvariantCulture)));
    }
}

/// <summary>What the badge shows, already HTML-safe (digits or a hole marker).</summary>
public sealed record CartBadgeCount(string Html);
