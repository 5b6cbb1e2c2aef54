using FakeShop.Application.Common.Models;

namespace FakeShop.Application.Admin.ListAdminProducts;

/// <summary>Every product, hidden ones included, for the back office.</summary>
public sealed record ListAdminProductsQuery(string? Search = null, int? CategoryId = null, int Page = 1, bool LowStockOnly = false)
    : IQuery<PagedList<AdminProductRowVm>>;
