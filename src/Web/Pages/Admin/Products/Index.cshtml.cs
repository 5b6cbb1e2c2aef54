using FakeShop.Application.Admin.AdjustStock;
using FakeShop.Application.Admin.ListAdminCategories;
using FakeShop.Application.Admin.ListAdminProducts;
using FakeShop.Application.Common.Models;
using FakeShop.Web.Admin;
using FakeShop.Web.Infrastructure;
using FakeShop.Web.Localization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

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

    public const string AdjustForKey = "AdjustFor";
    public const string AdjustErrorKey = "AdjustError";
    public const string AdjustTypedKey = "AdjustTyped";

    /// <summary>
    /// Quick stock adjustment from the list: a signed delta, so a checkout meanwhile is not overwritten. The delta is
    /// read as text so an empty or garbled field gets a sentence next to it instead of silently becoming zero.
    /// </summary>
    public async Task<IActionResult> OnPostAdjustAsync(int productId, string? delta, string? returnUrl, CancellationToken ct)
    {
        var back = Back(returnUrl, "/Admin/Products");
        var typed = (delta ?? string.Empty).Trim();
        if (!int.TryParse(typed.Replace('\u2212', '-'), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var units))
        {
            return AdjustFailed(back, productId, typed, typed.Length == 0 ? L["Enter how many units to add (or, with a minus sign, to remove)."] : L["Enter a whole number of units, such as 5 or -3."]);
        }

        try
        {
            var result = await mediator.Send(new AdjustStockCommand(productId, units), ct);
            return result.Succeeded
                ? Done(back, result.Id == 1 ? L["Stock updated: now {0} unit.", 1] : L["Stock updated: now {0} units.", result.Id ?? 0])
                : AdjustFailed(back, productId, typed, AdminMessages.For(result, L));
        }
        catch (ValidationException ex)
        {
            return AdjustFailed(back, productId, typed, Sentences(ex, L));
        }
    }

    private RedirectResult AdjustFailed(string back, int productId, string typed, string message)
    {
        TempData[AdjustForKey] = productId;
        TempData[AdjustErrorKey] = message;
        TempData[AdjustTypedKey] = typed.Length > 7 ? typed[..7] : typed;
        return Failed(back, message);
    }
}
