using FakeShop.Application.Payments;
using FakeShop.Infrastructure.Payments;

namespace FakeShop.Web.Payments;

public static class PaymentHostExtensions
{
    /// <summary>
    /// The payment settings (section <c>Payments</c>), checked at start, and the sweeper. The gateway timeout must be
    /// well inside the reservation: the sweeper only touches orders past it, so it never races a live checkout.
    /// </summary>
    public static WebApplicationBuilder AddShopPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaymentOptions>()
            .Bind(builder.Configuration.GetSection(PaymentOptions.SectionName))
            .Validate(o => o.ReservationMinutes is >= 1 and <= 1440, "Payments:ReservationMinutes must be between 1 and 1440.")
            .Validate(o => o.GatewayTimeoutSeconds is >= 1 and <= 120, "Payments:GatewayTimeoutSeconds must be between 1 and 120.")
            .Validate(o => o.GatewayTimeoutSeconds * 2 <= o.ReservationMinutes * 60, "Payments:GatewayTimeoutSeconds must be at most half of Payments:ReservationMinutes.")
            .Validate(o => o.SweepIntervalSeconds is >= 1 and <= 3600, "Payments:SweepIntervalSeconds must be between 1 and 3600.")
            .ValidateOnStart();
        builder.Services.AddOptions<FakePaymentGatewayOptions>()
            .Bind(builder.Configuration.GetSection(FakePaymentGatewayOptions.SectionName))
            .Validate(o => o.LatencyMs is >= 0 and <= 60_000, "Payments:Fake:LatencyMs must be between 0 and 60000.")
            .Validate(o => o.FailureRate is >= 0 and <= 1, "Payments:Fake:FailureRate must be between 0 and 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PaymentSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PaymentSweeper>());
        return builder;
    }
}
