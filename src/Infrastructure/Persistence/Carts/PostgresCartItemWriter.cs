using FakeShop.Application.Carts.AddToCart;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Common;
using Npgsql;

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
/// Domain rules enforced HERE, in SQL, mirroring <see cref="Cart.AddItem"/> (tests: FakeShop.Application.Tests
/// CartTests, AddToCartConcurrencyTests): the line never exceeds <see cref="Quantity.Max"/> nor the product's stock —
/// checked on the snapshot before anything is written and again on the locked row in the DO UPDATE's WHERE; a new
/// line is only added while the cart has fewer than <see cref="Cart.MaxLines"/> lines (snapshot check: two
/// simultaneous adds of two different new products to a 49-line cart can still make 51, as before); only active
/// products; the line's PriceSeen is the catalogue price at the add. Quantity 1..99 of the add itself is the
/// validator's. A refusal writes nothing (except, in a race, the cart's UpdatedAt).
/// </remarks>
internal sealed class PostgresCartItemWriter(NpgsqlDataSource dataSource) : ICartItemWriter
{
    private static readonly string Sql = $"""
        WITH relaxed AS (
            -- This statement's own transaction only (is_local = true): its commit does not wait for the WAL flush.
            SELECT set_config('synchronous_commit', 'off', true)
        ),
        product AS (
            SELECT "Id", "Stock", "Price" FROM products WHERE "Id" = $2 AND "IsActive"
        ),
        seen AS (
            SELECT coalesce(sum(l."Quantity") FILTER (WHERE l."ProductId" = $2), 0)::int AS line_quantity,
                   count(l."Id")::int AS line_count,
                   coalesce(sum(l."Quantity") FILTER (WHERE l."ProductId" <> $2), 0)::int AS other_units
            FROM carts c LEFT JOIN cart_lines l ON l."CartId" = c."Id"
            WHERE c."VisitorId" = $1
        ),
        allowed AS (
            SELECT product."Id", product."Price" FROM product, seen
            WHERE seen.line_quantity + $3 <= least({Quantity.Max}, product."Stock")
              AND (seen.line_quantity > 0 OR seen.line_count < {Cart.MaxLines})
        ),
        cart AS (
            INSERT INTO carts ("Id", "VisitorId", "CreatedAt", "UpdatedAt")
            SELECT $4, $1, $5, $5 FROM allowed
            ON CONFLICT ("VisitorId") DO UPDATE SET "UpdatedAt" = excluded."UpdatedAt"
            RETURNING "Id"
        ),
        line AS (
            INSERT INTO cart_lines AS l ("CartId", "ProductId", "Quantity", "PriceSeen")
            SELECT cart."Id", allowed."Id", $3, allowed."Price" FROM cart, allowed
            ON CONFLICT ("CartId", "ProductId") DO UPDATE
                SET "Quantity" = l."Quantity" + excluded."Quantity", "PriceSeen" = excluded."PriceSeen"
                WHERE l."Quantity" + excluded."Quantity" <= least({Quantity.Max}, (SELECT "Stock" FROM product))
            RETURNING l."Quantity"
        )
        SELECT (SELECT "Stock" FROM product), (SELECT "Quantity" FROM line),
               seen.line_quantity, seen.line_count, seen.other_units
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
            return new CartItemAddition(ProductFound: false, Added: false, 0, 0, 0, 0);
        }

        var stock = reader.GetInt32(0);
        var lineQuantity = reader.GetInt32(2);
        var lineCount = reader.GetInt32(3);
        var otherUnits = reader.GetInt32(4);
        return reader.IsDBNull(1)
            ? new CartItemAddition(true, false, 0, stock, lineQuantity, lineCount)
            : new CartItemAddition(true, true, otherUnits + reader.GetInt32(1), stock, lineQuantity, lineCount);
    }
}
