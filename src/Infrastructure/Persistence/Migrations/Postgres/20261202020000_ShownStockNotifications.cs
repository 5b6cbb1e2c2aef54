using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FakeShop.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// An UPDATE of <c>products</c> notifies the catalogue channel only when it changes something the public pages show
/// (docs/decisions/0025): any column other than the stock, or the stock's shown level (ShownStock: the count up to 99,
/// "more than 99" above). Before, every checkout's stock take sent a NOTIFY that emptied every replica's page cache
/// and made every rendered page reload the category menu. Inserts, deletes and truncates still notify per statement
/// as in CatalogChangeNotifications. Row-level with a WHEN condition: a row whose change shows nowhere queues no
/// trigger event at all; PostgreSQL folds the notifications of one transaction into one. No model change.
/// </summary>
[DbContext(typeof(PostgresShopDbContext))]
[Migration("20261202020000_ShownStockNotifications")]
public sealed class ShownStockNotifications : Migration
{
    // ShownStock.Level in SQL: least(stock, ShownStock.ExactUpTo + 1). Written out, as a migration must not change
    // meaning when the constant does; ShownStockNotificationTests fails when the two disagree.
    private const string ShownChanged = """
        least(OLD."Stock", 100) IS DISTINCT FROM least(NEW."Stock", 100)
        OR (to_jsonb(OLD) - 'Stock') IS DISTINCT FROM (to_jsonb(NEW) - 'Stock')
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER products_catalog_changed ON products;");
        migrationBuilder.Sql("""
            CREATE TRIGGER products_catalog_changed
            AFTER INSERT OR DELETE OR TRUNCATE ON products
            FOR EACH STATEMENT EXECUTE FUNCTION fakeshop_notify_catalog_changed();
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER products_shown_changed
            AFTER UPDATE ON products
            FOR EACH ROW WHEN ({ShownChanged})
            EXECUTE FUNCTION fakeshop_notify_catalog_changed();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER products_shown_changed ON products;");
        migrationBuilder.Sql("DROP TRIGGER products_catalog_changed ON products;");
        migrationBuilder.Sql("""
            CREATE TRIGGER products_catalog_changed
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
            FOR EACH STATEMENT EXECUTE FUNCTION fakeshop_notify_catalog_changed();
            """);
    }
}
