using FakeShop.Application.Admin.AdjustStock;
using FakeShop.Application.Admin.ListAdminCategories;
using FakeShop.Application.Admin.ListAdminProducts;
using FakeShop.Application.Common.Models;

namespace FakeShop.Web.Pages.Admin.Products;

public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public PagedList<AdminProductRowVm> Products { get; private set; } = null!;

    public IReadOnlyList<AdminCategoryVm> Categories { get; private set; } = [];

    public string? Search { get; private set; }

    public int? CategoryId { get; private set; }

    public bool LowOnly { get; private set; }

    public async Task OnGetAsync(string? q, int? category, [FromQuery(Name = "page")] string? pageNumber, bool low, CancellationToken ct)
    {
        Search = QueryInput.Search(q);
        CategoryId = category;
        LowOnly = low;
        Products = await mediator.Send(new ListAdminProductsQuery(Search, category, QueryInput.Page(pageNumber), low), ct);
        Categories = await mediator.Send(new ListAdminCategoriesQuery(), ct);
    }

    /// <summary>The adjustment being sent, so its refusal can be shown next to its field.</summary>
    private (IActionResult Back, int ProductId, string Typed)? adjusting;

    public const string AdjustForKey = "AdjustFor";
    public const string AdjustErrorKey = "AdjustError";
    public const string AdjustTypedKey = "AdjustTyped";

    /// <summary>
    /// Quick stock adjustment from the list: a signed delta, so a checkout meanwhile is not overwritten. The delta is
    /// read as text so an empty or garbled field gets a sentence next to it instead of silently becoming zero.
    /// </summary>
    public async Task<IActionResult> OnPostAdjustAsync(int productId, string? delta, string? returnUrl, CancellationToken ct)
    {
        var back = this.RedirectBack(returnUrl, "/Admin/Products/Index", Section);
        var typed = (delta ?? string.Empty).Trim();
        if (!int.TryParse(typed.Replace('\u2212', '-'), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var units))
        {
            return AdjustFailed(back, productId, typed, typed.Length == 0 ? L["Enter how many units to add (or, with a minus sign, to remove)."] : L["Enter a whole number of units, such as 5 or -3."]);
        }

        adjusting = (back, productId, typed);
        var stock = await mediator.Send(new AdjustStockCommand(productId, units), ct);
        return Done(back, stock == 1 ? L["Stock updated: now {0} unit.", 1] : L["Stock updated: now {0} units.", stock]);
    }

    /// <summary>A refused adjustment is said next to the field it was typed in, and as the error flash.</summary>
    public override Task<IActionResult?> OnUseCaseFailureAsync(UseCaseFailure failure, CancellationToken ct) =>
        adjusting is { } sent
            ? Task.FromResult<IActionResult?>(AdjustFailed(sent.Back, sent.ProductId, sent.Typed, failure.Message))
            : base.OnUseCaseFailureAsync(failure, ct);

    private IActionResult AdjustFailed(IActionResult back, int productId, string typed, string message)
    {
        TempData[AdjustForKey] = productId;
        TempData[AdjustErrorKey] = message;
        TempData[AdjustTypedKey] = typed.Length > 7 ? typed[..7] : typed;
        return Failed(back, message);
    }
}
