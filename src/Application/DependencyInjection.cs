using FakeShop.Application.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Application;

public static class DependencyInjection
{
    /// <summary>Validators, the metrics facade and the payment settlement. Mediator itself is registered by the composition root (Web).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Singletons: a validator's rules are built in its constructor (expression trees, accessors), which was ~4 % of
        // the CPU of an add-to-cart post when built per request (perf, issue 16); they hold no per-request state (the
        // checkout validator asks its clock at validation time).
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<ShopMetrics>();
        services.AddScoped<PaymentSettlement>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
