namespace FakeShop.Application.Catalog.GetProductDetails;

/// <summary>Returns null when no visible product has that slug; the page turns that into a 404.</summary>
public sealed record GetProductDetailsQuery(string Slug, int RelatedCount = 4) : IQuery<ProductDetailsVm?>;
