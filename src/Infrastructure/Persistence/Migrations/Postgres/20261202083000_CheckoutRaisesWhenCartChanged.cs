using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FakeShop.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// A plain SQL statement cannot raise an error, and the checkout's reservation batch needs its cart emptying to do so
/// when a line it was loaded with is already gone (docs/decisions/0029): an error is what stops PostgreSQL before
/// the batch's COMMIT, a DELETE of fewer rows would not. <c>fakeshop_raise</c> raises the SQLSTATE and message it is
/// given (<c>NewOrderRows.CartChangedSqlState</c>); volatile, so a CASE calls it only in the branch that needs it.
/// No model change; SQLite saves the order with the change tracker and needs no function.
/// </summary>
[DbContext(typeof(PostgresShopDbContext))]
[Migration("20261202083000_CheckoutRaisesWhenCartChanged")]
public sealed class CheckoutRaisesWhenCartChanged : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION fakeshop_raise(error_state text, error_message text) RETURNS integer
            LANGUAGE plpgsql VOLATILE AS $$
            BEGIN
                RAISE EXCEPTION '%', error_message USING ERRCODE = error_state;
            END
            $$;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP FUNCTION fakeshop_raise(text, text);");
    }
}
