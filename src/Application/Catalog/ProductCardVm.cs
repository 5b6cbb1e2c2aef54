namespace FakeShop.Application.Catalog;

/// <summary>A product as shown in listings.</summary>
public sealed record ProductCardVm(
    int Id,
    string Name,
    string Slug,
    string ShortDescription,
    Money Price,
    string? ImageUrl,
    int Stock,
    string CategoryName,
    string CategorySlug)
{
    public bool InStock => Stock > 0;
}
