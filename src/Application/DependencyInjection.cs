using FakeShop.Application.Common;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Application;

public static class DependencyInjection
{
    /// <summary>Validators and the metrics facade. Mediator itself is registered by the composition root (Web).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddSingleton<ShopMetrics>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
