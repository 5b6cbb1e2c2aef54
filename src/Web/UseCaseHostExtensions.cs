using FakeShop.Application;
using FakeShop.Application.Carts;
using FakeShop.Application.Common.Behaviours;
using FakeShop.Infrastructure;
using FakeShop.Infrastructure.Database;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Infrastructure.Persistence.DataProtection;
using Microsoft.AspNetCore.DataProtection;

namespace FakeShop.Web;

/// <summary>The use cases and what they run on (database, Mediator pipeline, their options), out of ShopHost.</summary>
public static class UseCaseHostExtensions
{
    public static WebApplicationBuilder AddShopUseCases(this WebApplicationBuilder builder, DatabaseSettings database)
    {
        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(database);
        builder.Services.AddMediator((Mediator.MediatorOptions o) =>
        {
            // Handlers use the scoped DbContext; the generator's default (singleton) would capture one for ever.
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.Assemblies = [typeof(FakeShop.Application.DependencyInjection)];
            o.PipelineBehaviors = [typeof(TracingBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(CatalogChangeBehaviour<,>)];
        });
        builder.Services.AddShopOptions<ShippingOptions>(builder.Configuration, ShippingOptions.SectionName)
            .Validate(o => o.FlatRate is >= 0 and <= 10_000, "Shipping:FlatRate must be between 0 and 10000.")
            .Validate(o => o.FreeFrom is null or >= 0, "Shipping:FreeFrom must be empty or a positive amount.");

        // Keys in the shared database: cookies sealed by one replica open on every other, and survive restarts.
        builder.Services.AddDataProtection().SetApplicationName("FakeShop").PersistKeysToShopDatabase();
        return builder;
    }
}
