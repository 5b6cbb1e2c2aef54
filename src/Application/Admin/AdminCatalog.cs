namespace FakeShop.Application.Admin;

public static class AdminCatalog
{
    /// <summary>At or below this many units a product shows as low on stock.</summary>
    public const int LowStockThreshold = 5;

    public const int PageSize = 20;

    public const int MaxSearchLength = 100;

    /// <summary>Largest single stock adjustment, a guard against a slipped finger adding a million units.</summary>
    public const int MaxAdjustment = 10_000;
}
