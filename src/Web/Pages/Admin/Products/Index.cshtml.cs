using FakeShop.Application.Admin.AdjustStock;
using FakeShop.Application.Admin.ListAdminCategories;
using FakeShop.Application.Admin.ListAdminProducts;
using FakeShop.Application.Common.Models;
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

    /// <summary>Quick stock adjustment from the list: a signed delta, so a checkout meanwhile is not overwritten.</summary>
    public async Task<IActionResult> OnPostAdjustAsync(int productId, int delta, string? returnUrl, CancellationToken ct)
    {
        var back = Back(returnUrl, "/Admin/Products");
        try
        {
            var result = await mediator.Send(new AdjustStockCommand(productId, delta), ct);
            return Outcome(back, result, (result.Id == 1 ? L["Stock updated: now {0} unit.", 1] : L["Stock updated: now {0} units.", result.Id ?? 0]));
        }
        catch (ValidationException ex)
        {
            return Failed(back, Sentences(ex, L));
        }
    }
}
