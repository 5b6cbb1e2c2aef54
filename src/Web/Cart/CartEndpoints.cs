using FakeShop.Application.Carts.AddToCart;
using FakeShop.Web.Caching;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Primitives;

namespace FakeShop.Web.Cart;

/// <summary>
/// <c>POST /cart/add</c>: the add-to-cart form of the product cards and the product page. A minimal endpoint rather
/// than a Razor page handler, because it is the shop's hottest write: no page activation, no model binding, no
/// antiforgery. The forms sit on cached public pages and carry no per-visitor token (docs/decisions/0007); cross-site
/// posts are refused before routing by <see cref="CrossOriginProtectionMiddleware"/>, and the visitor cookie is
/// SameSite=Lax. Answers exactly as the former <c>/cart?handler=Add</c>: bad or missing product id or an unknown
/// product → 404 (the friendly status page); a bad quantity or a refused add → back to <c>returnUrl</c> with the
/// error flash; success → back with "Added to your cart.".
/// </summary>
public static class CartEndpoints
{
    public const string AddPath = "/cart/add";

    /// <summary>Where a form without a usable returnUrl goes back to.</summary>
    private const string CartPage = "/Cart/Index";

    public static IEndpointRouteBuilder MapCartEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AddPath, AddAsync).DisableAntiforgery().AddEndpointFilter(new UseCaseFailureEndpointFilter(CartPage));
        return endpoints;
    }

    private static async Task<IResult> AddAsync(
        HttpContext http,
        IMediator mediator,
        VisitorContext visitor,
        IStringLocalizer<SharedResource> l,
        ITempDataDictionaryFactory tempData,
        CartCountCookie cartCount,
        AddedFlashCookie addedFlash,
        CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty;
        }
        catch (InvalidDataException)
        {
            // A malformed body (bad multipart boundary, too many fields): what MVC answers for it too.
            return Results.BadRequest();
        }
        catch (BadHttpRequestException ex)
        {
            // A body over the size limit, or one that ended early.
            return Results.StatusCode(ex.StatusCode);
        }

        var back = LocalUrls.ReturnUrl(http, CartPage);
        if (!QueryInput.TryId(Field(http, form, "productId"), out var productId))
        {
            return Results.NotFound();
        }

        if (!QueryInput.TryQuantity(Field(http, form, "quantity"), out var quantity))
        {
            return Flash(http, tempData, back, t => t.FlashError(UserMessages.QuantityRange(l)));
        }

        // A refusal (unknown product, sold out, cart full) is answered by UseCaseFailureEndpointFilter.
        var count = await mediator.Send(new AddToCartCommand(visitor.EnsureVisitorId(), productId, quantity), ct);

        // The badge of the next page (served from the page cache) shows the new count from this cookie (ADR 8).
        cartCount.Write(http, visitor, count);
        // The name comes from the form (the card or page that was clicked) rather than a query on this hot path;
        // it is only ever shown, encoded, to the visitor who posted it.
        var name = Field(http, form, "productName")?.Trim();
        var message = string.IsNullOrEmpty(name) || name.Length > 120 ? l["Added to your cart."].Value : l["{0} was added to your cart.", name].Value;
        var cartLinks = l["View cart"].Value + "\n" + l["Checkout"].Value;
        // The same TempData cookie as Flash() below, sealed once per sentence rather than once per post.
        addedFlash.Write(http, message, cartLinks);
        return Results.LocalRedirect(back);
    }

    /// <summary>The first value of a field; like Razor Pages' binding, the form wins over the query string.</summary>
    private static string? Field(HttpContext http, IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) || http.Request.Query.TryGetValue(name, out values) ? First(values) : null;

    private static string? First(StringValues values) => values.Count > 0 ? values[0] : null;

    /// <summary>Stores a one-time message in TempData (the same <see cref="FlashCookie"/> the pages read) and redirects.</summary>
    private static IResult Flash(HttpContext http, ITempDataDictionaryFactory factory, string back, Action<ITempDataDictionary> write)
    {
        var tempData = factory.GetTempData(http);
        write(tempData);
        tempData.Save();
        return Results.LocalRedirect(back);
    }
}
