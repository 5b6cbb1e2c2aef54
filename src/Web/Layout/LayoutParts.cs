using System.Collections.Concurrent;
using System.Text;
using FakeShop.Application.Carts.GetCartItemCount;
using FakeShop.Application.Catalog.ListCategories;
using FakeShop.Web.Caching;
using Microsoft.AspNetCore.Html;

namespace FakeShop.Web.Layout;

/// <summary>
/// The parts of the shared layout that were view components (cart badge, category menu). Every rendered page
/// (cart, checkout, orders, misses of the page cache) invoked both: a view-component lookup, activation and a view
/// rendered into its own buffer, about a third of the layout's cost under cart-page load (issue 16, perf profile in
/// docs/performance.md). Here they are strings. The category menu depends only on the language and the catalogue, so
/// its markup is built once per language and category list (<see cref="CategoryMenuCache"/> decides when the list is
/// stale: a catalogue change on any replica) and reused. The badge's count is the visitor's and is never kept; only
/// its language-dependent text around the count is.
/// </summary>
public sealed class LayoutParts(CategoryMenuCache menuCache, CatalogGeneration generation, CartCountCookie cartCookie, IStringLocalizer<SharedResource> l)
{
    /// <summary>HttpContext.Items key under which a page that loaded the cart leaves its item count (the badge shows it, without counting again).</summary>
    public const string KnownCountKey = "FakeShop.CartCount";

    /// <summary>
    /// HttpContext.Items key under which a page that already loaded the categories (the catalogue) leaves them, so the
    /// menu does not query them a second time in the same request (GET /shop: 8.2 → 6.2 SQL statements per request).
    /// Per request only, so it can never be stale.
    /// </summary>
    public const string LoadedCategoriesKey = "FakeShop.Categories";

    /// <summary>The app supports two languages; the bound only guards against a culture list that grows by mistake.</summary>
    private const int MaxLanguages = 16;

    private readonly ConcurrentDictionary<string, LanguageParts> _languages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MenuHtml> _menus = new(StringComparer.Ordinal);

    /// <summary>
    /// The cart link with its item count. The count comes, cheapest first, from: a marker on pages with holes (filled
    /// in as the page goes out, ADR 8); the count the page itself just loaded (cart, checkout); the visitor's sealed
    /// cart-count cookie; and only when none of those is there, the database — after which the cookie is written
    /// again, so the next public page can come from the page cache.
    /// </summary>
    public async ValueTask<IHtmlContent> CartBadgeAsync(HttpContext http)
    {
        string count;
        if (PageHoles.Of(http) is not null)
        {
            count = PageHoles.CartCountMarker;
        }
        else
        {
            var visitor = http.RequestServices.GetRequiredService<VisitorContext>();
            int n;
            if (http.Items[KnownCountKey] is int known)
            {
                n = known;
                cartCookie.Sync(http, visitor, n);
            }
            else if (!cartCookie.TryRead(http.Request, out n))
            {
                n = visitor.VisitorId is { } id
                    ? await http.RequestServices.GetRequiredService<IMediator>().Send(new GetCartItemCountQuery(id), http.RequestAborted)
                    : 0;
                cartCookie.Sync(http, visitor, n);
            }

            count = n.ToString(CultureInfo.InvariantCulture);
        }

        var parts = Language();
        // The count is digits or the marker: HTML-safe either way.
        return new HtmlString(string.Concat(parts.BadgeStart, string.Format(CultureInfo.InvariantCulture, parts.BadgeLabel, count), "\">", count, "</span>\n</a>\n"));
    }

    /// <summary>The "Categories" drop-down: one list item per category, with its product count.</summary>
    public async ValueTask<IHtmlContent> CategoryMenuAsync(HttpContext http)
    {
        if (http.Items[LoadedCategoriesKey] is IReadOnlyList<CategoryVm> loaded)
        {
            return new HtmlString(BuildMenu(loaded));
        }

        // Other rendered pages (cart, checkout, orders, admin) share one list per catalogue generation.
        if (!menuCache.TryGet(out var categories))
        {
            var before = generation.Current;
            categories = await http.RequestServices.GetRequiredService<IMediator>().Send(new ListCategoriesQuery(), http.RequestAborted);
            menuCache.Keep(before, categories);
        }

        var language = CultureInfo.CurrentUICulture.Name;
        if (_menus.TryGetValue(language, out var kept) && ReferenceEquals(kept.Categories, categories))
        {
            return kept.Html;
        }

        var html = new HtmlString(BuildMenu(categories));
        if (_menus.Count < MaxLanguages || _menus.ContainsKey(language))
        {
            _menus[language] = new MenuHtml(categories, html);
        }

        return html;
    }

    private string BuildMenu(IReadOnlyList<CategoryVm> categories)
    {
        var encoder = ShopHtmlEncoder.Instance;
        var html = new StringBuilder(512 + (categories.Count * 128));
        html.Append("<li class=\"nav-item dropdown\">\n    <a class=\"nav-link dropdown-toggle\" href=\"/shop\" role=\"button\" data-bs-toggle=\"dropdown\" aria-expanded=\"false\" id=\"categoryMenu\">")
            .Append(encoder.Encode(l["Categories"].Value))
            .Append("</a>\n    <ul class=\"dropdown-menu\" aria-labelledby=\"categoryMenu\">\n");
        foreach (var c in categories)
        {
            html.Append("            <li><a class=\"dropdown-item\" href=\"/shop?category=")
                .Append(encoder.Encode(Uri.EscapeDataString(c.Slug)))
                .Append("\">")
                .Append(encoder.Encode(c.Name))
                .Append(" <span class=\"text-muted\">(")
                .Append(c.ProductCount.ToString(CultureInfo.InvariantCulture))
                .Append(")</span></a></li>\n");
        }

        html.Append("    </ul>\n</li>\n");
        return html.ToString();
    }

    private LanguageParts Language()
    {
        var language = CultureInfo.CurrentUICulture.Name;
        if (_languages.TryGetValue(language, out var parts))
        {
            return parts;
        }

        var encoder = ShopHtmlEncoder.Instance;
        parts = new LanguageParts(
            "<a class=\"nav-link\" href=\"/cart\" id=\"cart-link\">\n    " + encoder.Encode(l["Cart"].Value)
            + " <span class=\"badge rounded-pill bg-warning text-dark\" id=\"cart-count\" aria-label=\"",
            encoder.Encode(l["{0} items in cart"].Value));
        if (_languages.Count < MaxLanguages)
        {
            _languages.TryAdd(language, parts);
        }

        return parts;
    }

    private sealed record LanguageParts(string BadgeStart, string BadgeLabel);

    private sealed record MenuHtml(IReadOnlyList<CategoryVm> Categories, HtmlString Html);
}
