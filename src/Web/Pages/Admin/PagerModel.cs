using Microsoft.AspNetCore.WebUtilities;

namespace FakeShop.Web.Pages.Admin;

/// <summary>Previous/next links that keep the list's filters in the query string.</summary>
public sealed record PagerModel(string Path, IReadOnlyDictionary<string, string?> Query, int Page, int TotalPages)
{
    public string Url(int page) => QueryHelpers.AddQueryString(Path,
        Query.Where(q => !string.IsNullOrEmpty(q.Value)).Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
