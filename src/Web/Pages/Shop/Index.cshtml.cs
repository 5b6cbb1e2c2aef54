using FakeShop.Application.Catalog.ListCategories;
using FakeShop.Application.Catalog.ListProducts;
using Microsoft.AspNetCore.WebUtilities;

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

    // Read from the query string only: in Razor Pages the route value "page" is the page's own name ("/Shop/Index"),
    // which plain model binding finds first, so every page number silently became page 1.
    [FromQuery(Name = "page")]
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
        HttpContext.Items[Layout.LayoutParts.LoadedCategoriesKey] = Categories; // the menu reuses them
        if (Category is not null && Result.CategoryName is null)
        {
            // An unknown category shows the whole catalogue rather than an empty page with a filter nobody can see.
            Category = null;
            Result = await mediator.Send(new ListProductsQuery(QueryInput.Page(RawPage), ListProductsQuery.DefaultPageSize, Search, null, Sort), ct);
        }
    }

    /// <summary>
    /// Built by hand: Url.Page treats a "page" value as the Razor page name and drops it, so every paging link
    /// pointed at page 1.
    /// </summary>
    public string PageUrl(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        AddIfSet(query, "q", Search);
        AddIfSet(query, "category", Category);
        AddIfSet(query, "sort", Sort == ProductSort.Name ? null : QueryInput.SortKey(Sort));
        AddIfSet(query, "page", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture));
        return QueryHelpers.AddQueryString("/shop", query);
    }

    private static void AddIfSet(List<KeyValuePair<string, string?>> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add(new(name, value));
        }
    }
}
