using FakeShop.Application.Carts;
using FakeShop.Application.Carts.ViewCart;
using FakeShop.Application.Checkout.PlaceOrder;
using FakeShop.Domain.Ordering;
using FakeShop.Web.Caching;
using FakeShop.Web.Layout;
using FluentValidation;

namespace FakeShop.Web.Pages.Checkout;

/// <summary>
/// Checkout form. The hidden <see cref="Token"/> makes the POST idempotent: a double click, a refresh or a
/// back-and-resubmit all land on the same single order.
/// </summary>
public sealed class IndexModel(IMediator mediator, VisitorContext visitor, CartCountCookie cartCount, IStringLocalizer<SharedResource> l) : PageModel, IUseCaseFailurePage
{
    private const string CartPage = "/Cart/Index";

    [BindProperty]
    public CheckoutInput Input { get; set; } = new();

    [BindProperty]
    public Guid Token { get; set; }

    public CartVm Cart { get; private set; } = CartVm.Empty;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Cart = await mediator.Send(new ViewCartCommand(visitor.VisitorId), ct);
        if (!Cart.CanCheckout)
        {
            return RedirectToPage(CartPage);
        }

        Token = Guid.NewGuid();
        HttpContext.Items[LayoutParts.KnownCountKey] = Cart.ItemCount;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (visitor.VisitorId is not { } owner)
        {
            return BackToCart(l["Your session has expired. Please add the products to your cart again."]);
        }

        if (Token == Guid.Empty)
        {
            // Missing or not a token at all (a tampered or truncated form): placing an order under a token made up
            // here would defeat the one-form-one-order rule, so the form is refused and a fresh one handed out.
            Token = Guid.NewGuid();
            ModelState.Remove(nameof(Token));
            return await Redisplay(l[PlaceOrderHandler.ExpiredFormMessage].Value, ct, StatusCodes.Status400BadRequest);
        }

        var placed = await mediator.Send(ToCommand(owner), ct);
        // The order emptied the cart: the badge of the next page says so (ADR 8).
        cartCount.Write(HttpContext, visitor, 0);
        return RedirectToPage("/Orders/Details", new { number = placed.OrderNumber, placed = 1 });
    }

    /// <summary>A refused checkout shows the form again with the reason, or sends the visitor back to the cart.</summary>
    public async Task<IActionResult?> OnUseCaseFailureAsync(UseCaseFailure failure, CancellationToken ct)
    {
        if (failure.Exception is ValidationException invalid)
        {
            foreach (var error in failure.Fields)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.Property}", error.Message);
            }

            // The token has no field to show its error next to, and re-rendering a refused token would refuse the
            // form again for ever: say it at the top and hand out a fresh one.
            var tokenError = invalid.Errors.FirstOrDefault(e => e.PropertyName == nameof(PlaceOrderCommand.CheckoutToken));
            if (tokenError is not null)
            {
                Token = Guid.NewGuid();
                ModelState.Remove(nameof(Token));
            }

            return await Redisplay(tokenError is null ? null : l[tokenError.ErrorMessage].Value, ct);
        }

        if (failure.Exception is not CheckoutRefusedException refused)
        {
            return null;
        }

        var names = string.Join(", ", refused.Products);
        switch (refused.Reason)
        {
            case CheckoutRefusal.CartEmpty:
                cartCount.Write(HttpContext, visitor, 0);
                return BackToCart(l["Your cart is empty."]);
            case CheckoutRefusal.Unavailable:
                return BackToCart(l["Some products are no longer available: {0}.", names]);
            case CheckoutRefusal.PricesChanged:
                return await Redisplay(l["Prices changed for: {0}. Please check the new total and confirm again.", names], ct);
            case CheckoutRefusal.SoldOut:
                return await Redisplay(l["Sold out: {0}. Someone bought the last units; your cart was kept so you can change it.", names], ct, StatusCodes.Status409Conflict);
            case CheckoutRefusal.CartChanged:
                return await Redisplay(l["Your cart changed while you were checking out (in another tab?). Nothing was charged; please review your cart."], ct, StatusCodes.Status409Conflict);
            case CheckoutRefusal.PaymentDeclined:
                return await RedisplayWithNewForm(l["Your card was declined. No order was placed; please use another card."], ct);
            default:
                return await RedisplayWithNewForm(l["The payment could not be processed right now. No order was placed; please try again in a moment."], ct);
        }
    }

    private PlaceOrderCommand ToCommand(Guid owner) => new()
    {
        VisitorId = owner,
        CheckoutToken = Token,
        FirstName = Input.FirstName ?? string.Empty,
        LastName = Input.LastName ?? string.Empty,
        Email = Input.Email ?? string.Empty,
        Phone = Input.Phone ?? string.Empty,
        Cpf = Input.Cpf ?? string.Empty,
        Cep = Input.Cep ?? string.Empty,
        Street = Input.Street ?? string.Empty,
        Number = Input.Number ?? string.Empty,
        Complement = Input.Complement,
        District = Input.District ?? string.Empty,
        City = Input.City ?? string.Empty,
        Uf = Input.Uf ?? string.Empty,
        PaymentMethod = Input.PaymentMethod == nameof(PaymentMethod.Pix) ? PaymentMethod.Pix : PaymentMethod.Card,
        CardHolder = Input.CardHolder ?? string.Empty,
        CardNumber = Input.CardNumber ?? string.Empty,
        CardExpiry = Input.CardExpiry ?? string.Empty,
        Cvv = Input.Cvv ?? string.Empty,
    };

    /// <summary>Shows the form again with everything typed, except the card number and CVV, which are never echoed.</summary>
    private async Task<IActionResult> Redisplay(string? error, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        Error = error;
        Input.CardNumber = null;
        Input.Cvv = null;
        // Keep the errors on the card fields but drop the typed values, so they are not rendered back.
        foreach (var key in new[] { $"{nameof(Input)}.{nameof(CheckoutInput.CardNumber)}", $"{nameof(Input)}.{nameof(CheckoutInput.Cvv)}" })
        {
            if (ModelState.TryGetValue(key, out var entry))
            {
                entry.RawValue = null;
                entry.AttemptedValue = null;
            }
        }

        Cart = await mediator.Send(new ViewCartCommand(visitor.VisitorId), ct);
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The failed payment used up this form's token (its order is PaymentFailed): the next try is a new form.</summary>
    private Task<IActionResult> RedisplayWithNewForm(string error, CancellationToken ct)
    {
        Token = Guid.NewGuid();
        ModelState.Remove(nameof(Token));
        return Redisplay(error, ct);
    }

    private RedirectToPageResult BackToCart(string message)
    {
        TempData.FlashError(message);
        return RedirectToPage(CartPage);
    }
}
