namespace FakeShop.Infrastructure.Persistence;

/// <summary>Table names the EF configurations map to, shared with the hand-written SQL that uses the same tables.</summary>
internal static class ShopTables
{
    public const string Products = "products";
    public const string Carts = "carts";
    public const string CartLines = "cart_lines";
    public const string Orders = "orders";
    public const string OrderStatusChanges = "order_status_changes";
}
