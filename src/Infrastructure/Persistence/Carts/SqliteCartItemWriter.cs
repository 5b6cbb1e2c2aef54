using System.Data.Common;
using FakeShop.Application.Carts.AddToCart;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FakeShop.Infrastructure.Persistence.Carts;

/// <summary>
/// Add to cart on SQLite: the same guarded upserts as <see cref="PostgresCartItemWriter"/>, as three statements in
/// one write transaction (SQLite has no INSERT inside WITH; its transactions take the database's write lock at BEGIN,
/// so nothing can change between the statements). Same rules, enforced in the same SQL conditions (see there).
/// </summary>
internal sealed class SqliteCartItemWriter(ShopDbContext db) : ICartItemWriter
{
    private const string SeenSql = """
        SELECT p."Stock",
               coalesce((SELECT sum(l."Quantity") FROM cart_lines l JOIN carts c ON c."Id" = l."CartId" WHERE c."VisitorId" = $visitor AND l."ProductId" = $product), 0),
               (SELECT count(*) FROM cart_lines l JOIN carts c ON c."Id" = l."CartId" WHERE c."VisitorId" = $visitor),
               coalesce((SELECT sum(l."Quantity") FROM cart_lines l JOIN carts c ON c."Id" = l."CartId" WHERE c."VisitorId" = $visitor AND l."ProductId" <> $product), 0)
        FROM products p WHERE p."Id" = $product AND p."IsActive"
        """;

    private static readonly string CartSql = $"""
        INSERT INTO carts ("Id", "VisitorId", "CreatedAt", "UpdatedAt")
        SELECT $cart, $visitor, $now, $now FROM products p
        WHERE p."Id" = $product AND p."IsActive"
          AND $lineQuantity + $quantity <= min({Quantity.Max}, p."Stock")
          AND ($lineQuantity > 0 OR $lineCount < {Cart.MaxLines})
        ON CONFLICT ("VisitorId") DO UPDATE SET "UpdatedAt" = excluded."UpdatedAt"
        """;

    private static readonly string LineSql = $"""
        INSERT INTO cart_lines ("CartId", "ProductId", "Quantity", "PriceSeen")
        SELECT c."Id", p."Id", $quantity, p."Price" FROM carts c, products p
        WHERE c."VisitorId" = $visitor AND p."Id" = $product
        ON CONFLICT ("CartId", "ProductId") DO UPDATE
            SET "Quantity" = "Quantity" + excluded."Quantity", "PriceSeen" = excluded."PriceSeen"
            WHERE "Quantity" + excluded."Quantity" <= min({Quantity.Max}, (SELECT "Stock" FROM products WHERE "Id" = excluded."ProductId"))
        RETURNING "Quantity"
        """;

    private static readonly ValueConverter Timestamp = new DateTimeOffsetToBinaryConverter();

    public async Task<CartItemAddition> AddAsync(Guid visitorId, int productId, int quantity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var types = db.GetService<IRelationalTypeMappingSource>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();

        await using var seen = Command(connection, tx, types, SeenSql, ("$visitor", visitorId), ("$product", productId));
        int stock, lineQuantity, lineCount, otherUnits;
        await using (var reader = await seen.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new CartItemAddition(ProductFound: false, Added: false, 0, 0, 0, 0);
            }

            (stock, lineQuantity, lineCount, otherUnits) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        await using var cart = Command(connection, tx, types, CartSql,
            ("$cart", Guid.NewGuid()), ("$visitor", visitorId), ("$now", Timestamp.ConvertToProvider(now)!), ("$product", productId),
            ("$quantity", quantity), ("$lineQuantity", lineQuantity), ("$lineCount", lineCount));
        if (await cart.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return new CartItemAddition(true, false, 0, stock, lineQuantity, lineCount);
        }

        await using var line = Command(connection, tx, types, LineSql, ("$quantity", quantity), ("$visitor", visitorId), ("$product", productId));
        var newQuantity = await line.ExecuteScalarAsync(cancellationToken);
        if (newQuantity is null or DBNull)
        {
            return new CartItemAddition(true, false, 0, stock, lineQuantity, lineCount);
        }

        await transaction.CommitAsync(cancellationToken);
        return new CartItemAddition(true, true, otherUnits + Convert.ToInt32(newQuantity, System.Globalization.CultureInfo.InvariantCulture), stock, lineQuantity, lineCount);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, IRelationalTypeMappingSource types, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            // EF's own mapping, so a Guid is bound as the same upper-case text EF stores.
            command.Parameters.Add(types.FindMapping(value.GetType())!.CreateParameter(command, name, value));
        }

        return command;
    }
}
