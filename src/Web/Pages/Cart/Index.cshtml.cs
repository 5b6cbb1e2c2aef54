using FakeShop.Application.Carts;
using FakeShop.Application.Carts.ClearCart;
using FakeShop.Application.Carts.GetCartItemCount;
using FakeShop.Application.Carts.RemoveCartLine;
using FakeShop.Application.Carts.UpdateCartLine;
using FakeShop.Application.Carts.ViewCart;
using FakeShop.Web.Caching;
using FakeShop.Web.Layout;

namespace FakeShop.Web.Pages.Cart;

/// <summary>
/// The cart and its changes. Every change is a POST with an antiforgery token followed by a redirect, so a refresh
/// never repeats it; bad input comes back as a message next to the cart, never as an error page (a refused change
/// through UseCaseExceptionFilter, docs/decisions/0017). Adding to the cart
/// is POST /cart/add (FakeShop.Web.Cart.CartEndpoints): its forms are on cached pages that carry no token.
/// </summary>
public sealed class IndexModel(IMediator mediator, VisitorContext visitor, CartCountCookie cartCount, IStringLocalizer<SharedResource> l) : PageModel
{
    public CartVm Cart { get; private set; } = CartVm.Empty;

    /// <summary>?confirm=clear: the page asks before emptying the cart.</summary>
    public bool ConfirmClear { get; private set; }

    public async Task OnGetAsync(string? confirm, CancellationToken ct)
    {
        ConfirmClear = string.Equals(confirm, "clear", StringComparison.Ordinal);
        Cart = await mediator.Send(new ViewCartCommand(visitor.VisitorId), ct);
        // The badge shows what this page loaded, without counting again (and fixes the cart-count cookie if it drifted).
        HttpContext.Items[LayoutParts.KnownCountKey] = Cart.ItemCount;
    }

    public async Task<IActionResult> OnPostUpdateAsync(string? lineId, string? quantity, CancellationToken ct)
    {
        if (visitor.VisitorId is not { } owner || !QueryInput.TryId(lineId, out var line))
        {
            return NotFound();
        }

        if (!QueryInput.TryQuantity(quantity, out var qty))
        {
            return Fail(UserMessages.QuantityRange(l));
        }

        await mediator.Send(new UpdateCartLineCommand(owner, line, qty), ct);
        await RewriteCountAsync(owner, ct);
        TempData.Flash(l["Cart updated."]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? lineId, CancellationToken ct)
    {
        if (visitor.VisitorId is not { } owner || !QueryInput.TryId(lineId, out var line))
        {
            return NotFound();
        }

        await mediator.Send(new RemoveCartLineCommand(owner, line), ct);
        await RewriteCountAsync(owner, ct);
        TempData.Flash(l["Item removed."]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClearAsync(CancellationToken ct)
    {
        if (visitor.VisitorId is { } owner)
        {
            await mediator.Send(new ClearCartCommand(owner), ct);
            cartCount.Write(HttpContext, visitor, 0);
        }

        TempData.Flash(l["Your cart is empty now."]);
        return RedirectToPage();
    }

    /// <summary>Every cart change rewrites the cart-count cookie, so the next (cached) page shows the new count (ADR 8).</summary>
    private async Task RewriteCountAsync(Guid owner, CancellationToken ct) =>
        cartCount.Write(HttpContext, visitor, await mediator.Send(new GetCartItemCountQuery(owner), ct));

    private RedirectToPageResult Fail(string message)
    {
        TempData.FlashError(message);
        return RedirectToPage();
    }
}
