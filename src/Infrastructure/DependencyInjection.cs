using FakeShop.Application.Carts.AddToCart;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Payments;
using FakeShop.Application.Payments.Pix;
using FakeShop.Infrastructure.Caching;
using FakeShop.Infrastructure.Database;
using FakeShop.Infrastructure.Payments;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Infrastructure.Persistence.Carts;
using FakeShop.Infrastructure.Persistence.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FakeShop.Infrastructure;

public static class DependencyInjection
{
    /// <summary>How many distinct statements each connection keeps prepared (least recently used first out).</summary>
    public const int AutoPreparedStatements = 100;

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddSingleton(database);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                // ONE pool per instance for EF and the raw commands (the cart writer), capped by Database:MaxPoolSize:
                // a burst then queues for a connection (Npgsql's Timeout) instead of opening more than PostgreSQL's
                // max_connections allows across the replicas (docs/operations.md, "Database connections").
                services.AddSingleton(_ => CreateDataSource(database));
                // Pooled: a request leases a context with its internal services already built, instead of building EF's
                // service scope, options and provider lookups again (DbContext.get_ContextServices was 7.6 % of the
                // machine under cart-page load, issue 16). The contexts keep nothing of their own between leases; EF
                // resets the change tracker and the per-context settings when one is returned.
                services.AddDbContextPool<PostgresShopDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
                services.AddScoped<ShopDbContext>(sp => sp.GetRequiredService<PostgresShopDbContext>());
                services.AddSingleton<ICartItemWriter, PostgresCartItemWriter>();
                services.AddSingleton<ICardApprovalWriter, PostgresCardApprovalWriter>();
                services.AddHostedService<PostgresCatalogChangeListener>();
                break;
            default:
                services.AddDbContextPool<SqliteShopDbContext>(o => o.UseSqlite(database.ConnectionString));
                services.AddScoped<ShopDbContext>(sp => sp.GetRequiredService<SqliteShopDbContext>());
                services.AddScoped<ICartItemWriter, SqliteCartItemWriter>();
                services.AddScoped<ICardApprovalWriter, SqliteCardApprovalWriter>();
                break;
        }

        services.AddScoped<IShopDbContext>(sp => sp.GetRequiredService<ShopDbContext>());
        services.AddScoped<IProductImageStore, ProductImageStore>();
        services.AddSingleton<FakePaymentGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<FakePaymentGateway>());
        services.AddSingleton<FakePixGateway>();
        services.AddSingleton<IPixGateway>(sp => sp.GetRequiredService<FakePixGateway>());
        services.AddSingleton<DatabaseSeeder>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>
    /// Database:MaxPoolSize wins over a Maximum Pool Size in the connection string: one place to size it. Statements are
    /// prepared on each pooled connection once they have run a few times (ADR 19), unless the connection string says
    /// otherwise; a connection goes back to the pool without a reset (ADR 23).
    /// </summary>
    private static NpgsqlDataSource CreateDataSource(DatabaseSettings database)
    {
        var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = database.MaxPoolSize;
        if (builder.ConnectionStringBuilder.MinPoolSize > database.MaxPoolSize)
        {
            builder.ConnectionStringBuilder.MinPoolSize = database.MaxPoolSize;
        }

        // Measured: parsing and planning the add-to-cart statement was most of PostgreSQL's CPU, and PostgreSQL two
        // thirds of the machine's, under add-to-cart load. A prepared statement skips both after its first runs.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        }

        // The shop leaves no session state on a pooled connection (settings are transaction-local, LISTEN has its own
        // unpooled connection, the migrator releases its lock), so Npgsql's reset — seven statements, each parsed and run
        // in a transaction of its own, prepended to the next command — only cost PostgreSQL CPU: under add-to-cart load
        // as much as the add statement itself (ADR 23).
        builder.ConnectionStringBuilder.NoResetOnClose = true;

        return builder.Build();
    }
}
