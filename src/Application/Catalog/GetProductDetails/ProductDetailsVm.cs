using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Catalog.GetProductDetails;

public sealed record ProductDetailsVm(
    int Id,
    string Name,
    string Slug,
    string ShortDescription,
    string Description,
    Money Price,
    string? ImageUrl,
    int Stock,
    string CategoryName,
    string CategorySlug,
    IReadOnlyList<ProductCardVm> Related)
{
    public bool InStock => Stock > 0;

    /// <summary>The most a customer can put in the cart at once: stock, capped by the per-line maximum.</summary>
    public int MaxOrderable => Math.Min(Stock, Quantity.Max);

    /// <summary>False above <see cref="ShownStock.ExactUpTo"/>: the page says "more than" instead of the count (ADR 25).</summary>
    public bool ShowsExactStock => Stock <= ShownStock.ExactUpTo;
}
