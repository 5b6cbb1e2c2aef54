using FakeShop.Application.Common.Models;

namespace FakeShop.Application.Catalog.ListProducts;

/// <param name="Page">1-based; a page past the end gives the last page.</param>
public sealed record ListProductsQuery(
    int Page = 1,
    int PageSize = ListProductsQuery.DefaultPageSize,
    string? Search = null,
    string? CategorySlug = null,
    ProductSort Sort = ProductSort.Name) : IQuery<ProductListVm>
{
    public const int DefaultPageSize = 12;
    public const int MaxPageSize = 48;
    public const int MaxSearchLength = 100;
    public const int MaxPage = 100_000;
}

public sealed record ProductListVm(PagedList<ProductCardVm> Products, string? CategoryName);
