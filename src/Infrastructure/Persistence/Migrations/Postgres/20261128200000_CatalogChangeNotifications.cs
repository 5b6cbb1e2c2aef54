using FakeShop.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FakeShop.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// Every committed change to the catalogue tables — through the shop, another replica, a checkout's stock update or
/// psql by hand — sends one NOTIFY on the catalogue channel, which PostgresCatalogChangeListener turns into "forget
/// the cached pages" on every instance. Statement-level, so a bulk update notifies once; PostgreSQL delivers
/// notifications only on commit and folds duplicates within a transaction. No model change: written by hand, with
/// no target-model snapshot (the model snapshot is unchanged).
/// </summary>
[DbContext(typeof(PostgresShopDbContext))]
[Migration("20261128200000_CatalogChangeNotifications")]
public sealed class CatalogChangeNotifications : Migration
{
    private static readonly string[] Tables = ["products", "categories", "product_images"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE OR REPLACE FUNCTION fakeshop_notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{PostgresCatalogChangeListener.Channel}', TG_TABLE_NAME);
                RETURN NULL;
            END $$;
            """);
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER {table}_catalog_changed
                AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION fakeshop_notify_catalog_changed();
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_catalog_changed ON {table};");
        }

        migrationBuilder.Sql("DROP FUNCTION IF EXISTS fakeshop_notify_catalog_changed();");
    }
}
