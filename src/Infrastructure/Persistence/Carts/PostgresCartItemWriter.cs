using FakeShop.Application.Carts.AddToCart;
using FakeShop.Domain.Carts;
using Npgsql;
using C = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Carts;
using L = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Lines;
using P = FakeShop.Infrastructure.Persistence.Carts.CartAddSql.Products;

namespace FakeShop.Infrastructure.Persistence.Carts;

/// <summary>
/// Add to cart on PostgreSQL as ONE statement in autocommit (no BEGIN/COMMIT, one round trip): find the product,
/// upsert the cart, upsert the line. <c>ON CONFLICT ... DO UPDATE SET "Quantity" = stored + added</c> runs on the
/// locked, latest row, so concurrent adds of the same product by one visitor all count (the old load-modify-save
/// lost one). Uses the unique indexes carts(VisitorId) and cart_lines(CartId, ProductId) that the model already has.
/// It takes a connection from the app's one <see cref="NpgsqlDataSource"/>, the same bounded pool EF's connections come
/// from (a burst waits for a connection rather than opening more than Database:MaxPoolSize), without creating a
/// DbContext: measured under wrk, a DbContext's set-up (EF internal services, DI) was a visible share of this
/// request's CPU.
/// </summary>
/// <remarks>
/// The domain's add rule (<see cref="Cart.CheckAdd"/>, as <see cref="CartAddSql.Refusal"/>) is applied twice: on the
/// snapshot, where it decides whether anything is written and yields the refusal code returned to the handler; and
/// on the locked line in the DO UPDATE's WHERE, so a line never passes <see cref="Quantity.Max"/> nor the stock even
/// when adds race (the snapshot check of <see cref="Cart.MaxLines"/> can let two simultaneous new products into a
/// 49-line cart, as before). Only active products; the line's PriceSeen is the catalogue price at the add. Quantity
/// 1..99 of the add itself is the validator's. A refusal writes nothing (except, in a race, the cart's UpdatedAt).
/// </remarks>
internal sealed class PostgresCartItemWriter(NpgsqlDataSource dataSource) : ICartItemWriter
{
    private static readonly string Sql = $"""
        WITH relaxed AS (
            -- This statement's own transaction only (is_local = true): its commit does not wait for the WAL flush.
            {PostgresShopDbContext.RelaxCommitSql}
        ),
        product AS (
            SELECT {P.Id}, {P.Stock}, {P.Price} FROM {P.Table} WHERE {P.Id} = $2 AND {P.IsActive}
        ),
        seen AS (
            SELECT coalesce(sum(l.{L.Quantity}) FILTER (WHERE l.{L.ProductId} = $2), 0)::int AS line_quantity,
                   count(l.{L.Id})::int AS line_count,
                   coalesce(sum(l.{L.Quantity}) FILTER (WHERE l.{L.ProductId} <> $2), 0)::int AS other_units
            FROM {C.Table} c LEFT JOIN {L.Table} l ON l.{L.CartId} = c.{C.Id}
            WHERE c.{C.VisitorId} = $1
        ),
        verdict AS (
            SELECT product.{P.Id}, product.{P.Price},
                   {CartAddSql.Refusal("seen.line_quantity", "seen.line_count", "$3", $"product.{P.Stock}")} AS refusal
            FROM product, seen
        ),
        cart AS (
            INSERT INTO {C.Table} ({C.Id}, {C.VisitorId}, {C.CreatedAt}, {C.UpdatedAt})
            SELECT $4, $1, $5, $5 FROM verdict WHERE verdict.refusal = 0
            ON CONFLICT ({C.VisitorId}) DO UPDATE SET {C.UpdatedAt} = excluded.{C.UpdatedAt}
            RETURNING {C.Id}
        ),
        line AS (
            INSERT INTO {L.Table} AS l ({L.CartId}, {L.ProductId}, {L.Quantity}, {L.PriceSeen})
            SELECT cart.{C.Id}, verdict.{P.Id}, $3, verdict.{P.Price} FROM cart, verdict
            ON CONFLICT ({L.CartId}, {L.ProductId}) DO UPDATE
                SET {L.Quantity} = l.{L.Quantity} + excluded.{L.Quantity}, {L.PriceSeen} = excluded.{L.PriceSeen}
                -- The line exists here, so the line-count rule cannot apply (0).
                WHERE {CartAddSql.Refusal($"l.{L.Quantity}", "0", $"excluded.{L.Quantity}", $"(SELECT {P.Stock} FROM product)")} = 0
            RETURNING l.{L.Quantity}
        )
        SELECT (SELECT {P.Stock} FROM product), (SELECT {L.Quantity} FROM line), (SELECT refusal FROM verdict), seen.other_units
        FROM seen, relaxed
        """;

    public async Task<CartItemAddition> AddAsync(Guid visitorId, int productId, int quantity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Positional ($1..$5), unnamed parameters: Npgsql sends the text as is, without rewriting it.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = visitorId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = productId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = quantity });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return new CartItemAddition(ProductFound: false, Added: false, 0, CartRefusal.None, 0);
        }

        var stock = reader.GetInt32(0);
        var otherUnits = reader.GetInt32(3);
        return reader.IsDBNull(1)
            ? new CartItemAddition(true, false, 0, (CartRefusal)reader.GetInt32(2), stock)
            : new CartItemAddition(true, true, otherUnits + reader.GetInt32(1), CartRefusal.None, stock);
    }
}
