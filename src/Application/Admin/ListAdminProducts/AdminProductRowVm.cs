namespace FakeShop.Application.Admin.ListAdminProducts;

public sealed record AdminProductRowVm(int Id, string Name, string Slug, string CategoryName, Money Price, int Stock, bool IsActive, string? ImageUrl)
{
    public bool IsLowStock => Stock <= AdminCatalog.LowStockThreshold;
}
