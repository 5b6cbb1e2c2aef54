using System.Globalization;
using FakeShop.Application.Admin.ListAdminCategories;
using FakeShop.Web.Admin;
using FakeShop.Web.Localization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Pages.Admin.Products;

/// <summary>What create and edit share: the bound form, the category list and the price parsing.</summary>
public abstract class ProductPageModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    [BindProperty]
    public ProductForm Input { get; set; } = new();

    public IReadOnlyList<AdminCategoryVm> Categories { get; private set; } = [];

    protected IMediator Mediator { get; } = mediator;

    protected async Task LoadCategoriesAsync(CancellationToken ct) =>
        Categories = await Mediator.Send(new ListAdminCategoriesQuery(), ct);

    /// <returns>The price, or null after adding a form error.</returns>
    protected decimal? ReadPrice()
    {
        if (PriceInput.TryParse(Input.Price, Numbers, out var price))
        {
            return price;
        }

        ModelState.AddModelError("Input.Price", L["Enter a price such as {0}, with at most two decimals.", PriceInput.Example(Numbers)]);
        return null;
    }

    /// <summary>The admin's separators: prices are read and shown the way the admin's language writes them.</summary>
    protected static NumberFormatInfo Numbers => ShopCultures.NumberFormat(CultureInfo.CurrentCulture);
}
