using FakeShop.Application.Catalog.ListCategories;

namespace FakeShop.Web.Caching;

/// <summary>
/// The categories of the navigation menu, kept for as long as the catalogue generation does not move. Every rendered
/// page (cart, checkout, orders, admin) showed the menu and paid a SELECT for it; the list is public and changes
/// only with the catalogue, whose generation (ADR 7) moves on every committed change on any replica. While changes
/// cannot be heard about (the generation is not trusted) the list is loaded every time, as before.
/// </summary>
public sealed class CategoryMenuCache(CatalogGeneration generation)
{
    private Entry? _entry;

    public bool TryGet(out IReadOnlyList<CategoryVm> categories)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && generation.IsTrusted && entry.Generation == generation.Current)
        {
            categories = entry.Categories;
            return true;
        }

        categories = [];
        return false;
    }

    /// <summary>
    /// Keeps a list read after <paramref name="generationBefore"/> was current: if the catalogue moved meanwhile, the
    /// list may be older than the new generation, and it is filed under the old one, which nobody asks for.
    /// </summary>
    public void Keep(long generationBefore, IReadOnlyList<CategoryVm> categories) =>
        Volatile.Write(ref _entry, new Entry(generationBefore, categories));

    private sealed record Entry(long Generation, IReadOnlyList<CategoryVm> Categories);
}
