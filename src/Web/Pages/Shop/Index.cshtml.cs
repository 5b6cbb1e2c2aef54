using FakeShop.Application.Catalog.ListCategories;
using FakeShop.Application.Catalog.ListProducts;
using FakeShop.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FakeShop.Web.Pages.Shop;

/// <summary>
/// The catalogue. Filters live in the query string so a URL can be shared; each value is read leniently so a
/// hand-edited URL gives a normal page rather than an error.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "q", SupportsGet = true)]
    public string? RawSearch { get; set; }

    [BindProperty(Name = "category", SupportsGet = true)]
    public string? RawCategory { get; set; }

    [BindProperty(Name = "sort", SupportsGet = true)]
    public string? RawSort { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public string? RawPage { get; set; }

    public string? Search { get; private set; }

    public string? Category { get; private set; }

    public ProductSort Sort { get; private set; }

    public ProductListVm Result { get; private set; } = null!;

    public IReadOnlyList<CategoryVm> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Search = QueryInput.Search(RawSearch);
        Category = QueryInput.Slug(RawCategory);
        Sort = QueryInput.Sort(RawSort);
        Result = await mediator.Send(new ListProductsQuery(QueryInput.Page(RawPage), ListProductsQuery.DefaultPageSize, Search, Category, Sort), ct);
        Categories = await mediator.Send(new ListCategoriesQuery(), ct);
        if (Category is not null && Result.CategoryName is null)
        {
            // An unknown category shows the whole catalogue rather than an empty page with a filter nobody can see.
            Category = null;
            Result = await mediator.Send(new ListProductsQuery(QueryInput.Page(RawPage), ListProductsQuery.DefaultPageSize, Search, null, Sort), ct);
        }
    }

    public string PageUrl(int page) => Url.Page("/Shop/Index", new
    {
        q = Search,
        category = Category,
        sort = Sort == ProductSort.Name ? null : QueryInput.SortKey(Sort),
        page = page == 1 ? (int?)null : page,
    })!;
}
