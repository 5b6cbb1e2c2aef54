using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FakeShop.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// The checkout's stock take (ADR 6's conditional relative UPDATE) as a function that raises when the product has
/// fewer units than asked or is not active, instead of updating no row (docs/decisions/0028). The reservation sends
/// its takes and its COMMIT in one batch; an error is what stops PostgreSQL before the COMMIT, an UPDATE of no row
/// would not. SQLSTATE FS409 (<c>PostgresShopDbContext.ShortOfStockSqlState</c>). Returns the units left, as the
/// UPDATE's RETURNING did (ADR 25 needs them). No model change; SQLite takes stock with the plain UPDATE.
/// </summary>
[DbContext(typeof(PostgresShopDbContext))]
[Migration("20261202053000_StockTakeRaisesWhenShort")]
public sealed class StockTakeRaisesWhenShort : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION fakeshop_take_stock(take_product integer, take_quantity integer) RETURNS integer
            LANGUAGE plpgsql AS $$
            DECLARE
                units_left integer;
            BEGIN
                UPDATE products SET "Stock" = "Stock" - take_quantity
                WHERE "Id" = take_product AND "IsActive" AND "Stock" >= take_quantity
                RETURNING "Stock" INTO units_left;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'product % has fewer than % units for sale', take_product, take_quantity
                        USING ERRCODE = 'FS409';
                END IF;
                RETURN units_left;
            END
            $$;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP FUNCTION fakeshop_take_stock(integer, integer);");
    }
}
