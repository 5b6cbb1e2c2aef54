using FakeShop.Application.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Application;

public static class DependencyInjection
{
    /// <summary>Validators, the metrics facade and the payment settlement. Mediator itself is registered by the composition root (Web).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddSingleton<ShopMetrics>();
        services.AddScoped<PaymentSettlement>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
