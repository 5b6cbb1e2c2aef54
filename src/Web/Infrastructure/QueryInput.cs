using FakeShop.Application.Catalog.ListProducts;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Lenient readers for query-string values people edit by hand: anything malformed falls back to a sane default
/// instead of an error page.
/// </summary>
public static class QueryInput
{
    public static int Page(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? Math.Min(page, ListProductsQuery.MaxPage)
            : 1;

    public static ProductSort Sort(string? text) => text?.ToLowerInvariant() switch
    {
        "price-asc" => ProductSort.PriceAsc,
        "price-desc" => ProductSort.PriceDesc,
        "newest" => ProductSort.Newest,
        _ => ProductSort.Name,
    };

    public static string SortKey(ProductSort sort) => sort switch
    {
        ProductSort.PriceAsc => "price-asc",
        ProductSort.PriceDesc => "price-desc",
        ProductSort.Newest => "newest",
        _ => "name",
    };

    /// <summary>Trimmed, control characters removed, cut to the longest search the catalogue accepts.</summary>
    public static string? Search(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (cleaned.Length > ListProductsQuery.MaxSearchLength)
        {
            cleaned = cleaned[..ListProductsQuery.MaxSearchLength];
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>A database id as a form posts it: digits only, positive.</summary>
    public static bool TryId(string? text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>A quantity typed in a number box: surrounding spaces allowed, within the domain's range.</summary>
    public static bool TryQuantity(string? text, out int quantity) =>
        int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out quantity)
        && FakeShop.Domain.Common.Quantity.IsValid(quantity);

    public static string? Slug(string? text) =>
        text is not null && FakeShop.Domain.Catalog.Slug.IsValid(text) ? text : null;
}
