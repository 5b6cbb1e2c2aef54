using FakeShop.Domain.Carts;
using FakeShop.Domain.Catalog;

namespace FakeShop.Infrastructure.Persistence.Carts;

/// <summary>
/// What the two add-to-cart writers (<see cref="PostgresCartItemWriter"/>, <see cref="SqliteCartItemWriter"/>) share:
/// the domain's add rule as one SQL expression, and the names of the tables and columns as the EF model maps them
/// (<see cref="ShopTables"/>; a column is named after its property), so a renamed property breaks the build, not the SQL.
/// </summary>
public static class CartAddSql
{
    /// <summary>
    /// <see cref="Cart.CheckAdd"/> in SQL (portable: PostgreSQL and SQLite), yielding its <see cref="CartRefusal"/> code,
    /// same order of rules. The arguments are SQL expressions; each may be evaluated more than once.
    /// </summary>
    public static string Refusal(string lineQuantity, string lineCount, string added, string stock) => $"""
        CASE WHEN {lineQuantity} + {added} > {Quantity.Max} THEN {(int)CartRefusal.LineMax}
             WHEN {stock} <= 0 THEN {(int)CartRefusal.SoldOut}
             WHEN {lineQuantity} + {added} > {stock} THEN {(int)CartRefusal.NotEnoughStock}
             WHEN {lineQuantity} = 0 AND {lineCount} >= {Cart.MaxLines} THEN {(int)CartRefusal.TooManyLines}
             ELSE {(int)CartRefusal.None} END
        """;

    internal static class Products
    {
        public const string Table = ShopTables.Products;
        public const string Id = "\"" + nameof(Product.Id) + "\"";
        public const string Stock = "\"" + nameof(Product.Stock) + "\"";
        public const string Price = "\"" + nameof(Product.Price) + "\"";
        public const string IsActive = "\"" + nameof(Product.IsActive) + "\"";
    }

    internal static class Carts
    {
        public const string Table = ShopTables.Carts;
        public const string Id = "\"" + nameof(Cart.Id) + "\"";
        public const string VisitorId = "\"" + nameof(Cart.VisitorId) + "\"";
        public const string CreatedAt = "\"" + nameof(Cart.CreatedAt) + "\"";
        public const string UpdatedAt = "\"" + nameof(Cart.UpdatedAt) + "\"";
    }

    internal static class Lines
    {
        public const string Table = ShopTables.CartLines;
        public const string Id = "\"" + nameof(CartLine.Id) + "\"";
        public const string CartId = "\"" + nameof(CartLine.CartId) + "\"";
        public const string ProductId = "\"" + nameof(CartLine.ProductId) + "\"";
        public const string Quantity = "\"" + nameof(CartLine.Quantity) + "\"";
        public const string PriceSeen = "\"" + nameof(CartLine.PriceSeen) + "\"";
    }
}
