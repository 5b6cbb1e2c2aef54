using FakeShop.Application.Carts.AddToCart;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Payments;
using FakeShop.Application.Payments.Pix;
using FakeShop.Infrastructure.Caching;
using FakeShop.Infrastructure.Database;
using FakeShop.Infrastructure.Payments;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Infrastructure.Persistence.Carts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddSingleton(database);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresShopDbContext>(o => o.UseNpgsql(database.ConnectionString));
                services.AddScoped<ShopDbContext>(sp => sp.GetRequiredService<PostgresShopDbContext>());
                services.AddSingleton<ICartItemWriter, PostgresCartItemWriter>();
                services.AddHostedService<PostgresCatalogChangeListener>();
                break;
            default:
                services.AddDbContext<SqliteShopDbContext>(o => o.UseSqlite(database.ConnectionString));
                services.AddScoped<ShopDbContext>(sp => sp.GetRequiredService<SqliteShopDbContext>());
                services.AddScoped<ICartItemWriter, SqliteCartItemWriter>();
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
}
