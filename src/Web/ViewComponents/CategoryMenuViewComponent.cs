using FakeShop.Application.Catalog.ListCategories;
using FakeShop.Web.Caching;

namespace FakeShop.Web.ViewComponents;

public sealed class CategoryMenuViewComponent(IMediator mediator, CategoryMenuCache cache, CatalogGeneration generation) : ViewComponent
{
    /// <summary>
    /// HttpContext.Items key under which a page that already loaded the categories (the catalogue) leaves them, so the
    /// menu does not query them a second time in the same request. Measured with bench/run.sh: GET /shop went from
    /// 8.2 to 6.2 SQL statements per request (one SELECT plus its pooled-connection reset fewer). Per request only, so
    /// it can never be stale.
    /// </summary>
    public const string LoadedCategoriesKey = "FakeShop.Categories";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (HttpContext.Items[LoadedCategoriesKey] is IReadOnlyList<CategoryVm> loaded)
        {
            return View(loaded);
        }

        // Other rendered pages (cart, checkout, orders, admin) share one list per catalogue generation.
        if (cache.TryGet(out var categories))
        {
            return View(categories);
        }

        var before = generation.Current;
        categories = await mediator.Send(new ListCategoriesQuery(), HttpContext.RequestAborted);
        cache.Keep(before, categories);
        return View(categories);
    }
}
