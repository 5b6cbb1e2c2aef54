using System.Data.Common;
using FakeShop.Application.Carts.AddToCart;
using FakeShop.Domain.Carts;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using C = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Carts;
using L = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Lines;
using P = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Products;

namespace FakeShop.Infrastructure.Persistence.Carts;

/// <summary>
/// Add to cart on SQLite: the same upserts as <see cref="PostgresCartItemWriter"/>, as three statements in one write
/// transaction (SQLite has no INSERT inside WITH). Its transactions take the database's write lock at BEGIN, so
/// nothing can change between the statements: the domain's add rule (<see cref="CartAddSql.Refusal"/>) is applied
/// once, by the first statement, and a refusal returns before anything is written.
/// </summary>
internal sealed class SqliteCartItemWriter(ShopDbContext db) : ICartItemWriter
{
    private static readonly string SeenSql = $"""
        SELECT stock, other_units, {CartAddSql.Refusal("line_quantity", "line_count", "$quantity", "stock")}
        FROM (
            SELECT p.{P.Stock} AS stock,
                   coalesce((SELECT sum(l.{L.Quantity}) FROM {L.Table} l JOIN {C.Table} c ON c.{C.Id} = l.{L.CartId} WHERE c.{C.VisitorId} = $visitor AND l.{L.ProductId} = $product), 0) AS line_quantity,
                   (SELECT count(*) FROM {L.Table} l JOIN {C.Table} c ON c.{C.Id} = l.{L.CartId} WHERE c.{C.VisitorId} = $visitor) AS line_count,
                   coalesce((SELECT sum(l.{L.Quantity}) FROM {L.Table} l JOIN {C.Table} c ON c.{C.Id} = l.{L.CartId} WHERE c.{C.VisitorId} = $visitor AND l.{L.ProductId} <> $product), 0) AS other_units
            FROM {P.Table} p WHERE p.{P.Id} = $product AND p.{P.IsActive}
        )
        """;

    private static readonly string CartSql = $"""
        INSERT INTO {C.Table} ({C.Id}, {C.VisitorId}, {C.CreatedAt}, {C.UpdatedAt}) VALUES ($cart, $visitor, $now, $now)
        ON CONFLICT ({C.VisitorId}) DO UPDATE SET {C.UpdatedAt} = excluded.{C.UpdatedAt}
        """;

    private static readonly string LineSql = $"""
        INSERT INTO {L.Table} ({L.CartId}, {L.ProductId}, {L.Quantity}, {L.PriceSeen})
        SELECT c.{C.Id}, p.{P.Id}, $quantity, p.{P.Price} FROM {C.Table} c, {P.Table} p
        WHERE c.{C.VisitorId} = $visitor AND p.{P.Id} = $product
        ON CONFLICT ({L.CartId}, {L.ProductId}) DO UPDATE
            SET {L.Quantity} = {L.Quantity} + excluded.{L.Quantity}, {L.PriceSeen} = excluded.{L.PriceSeen}
        RETURNING {L.Quantity}
        """;

    private static readonly ValueConverter Timestamp = new DateTimeOffsetToBinaryConverter();

    public async Task<CartItemAddition> AddAsync(Guid visitorId, int productId, int quantity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var types = db.GetService<IRelationalTypeMappingSource>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();

        await using var seen = Command(connection, tx, types, SeenSql, ("$visitor", visitorId), ("$product", productId), ("$quantity", quantity));
        int stock, otherUnits;
        CartRefusal refusal;
        await using (var reader = await seen.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new CartItemAddition(ProductFound: false, Added: false, 0, CartRefusal.None, 0);
            }

            (stock, otherUnits, refusal) = (reader.GetInt32(0), reader.GetInt32(1), (CartRefusal)reader.GetInt32(2));
        }

        if (refusal != CartRefusal.None)
        {
            return new CartItemAddition(true, false, 0, refusal, stock);
        }

        await using var cart = Command(connection, tx, types, CartSql, ("$cart", Guid.NewGuid()), ("$visitor", visitorId), ("$now", Timestamp.ConvertToProvider(now)!));
        await cart.ExecuteNonQueryAsync(cancellationToken);

        await using var line = Command(connection, tx, types, LineSql, ("$quantity", quantity), ("$visitor", visitorId), ("$product", productId));
        var newQuantity = await line.ExecuteScalarAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CartItemAddition(true, true, otherUnits + Convert.ToInt32(newQuantity, System.Globalization.CultureInfo.InvariantCulture), CartRefusal.None, stock);
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
