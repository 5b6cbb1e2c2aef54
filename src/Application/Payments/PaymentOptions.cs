namespace FakeShop.Application.Payments;

/// <summary>Settings of the payment step, section <c>Payments</c> (see docs/decisions/0009-order-first-payment.md).</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    /// <summary>
    /// How long an order awaiting a card payment keeps its stock. The request that placed it settles it within
    /// <see cref="GatewayTimeoutSeconds"/>; this only matters when that request died (crash, restart), and then the
    /// sweeper settles the order once the reservation has run out.
    /// </summary>
    public int ReservationMinutes { get; set; } = 15;

    /// <summary>How long checkout waits for the gateway before it gives up, fails the payment and releases the stock.</summary>
    public int GatewayTimeoutSeconds { get; set; } = 10;

    /// <summary>How often the sweeper looks for orders left awaiting payment past their reservation.</summary>
    public int SweepIntervalSeconds { get; set; } = 30;

    public TimeSpan Reservation => TimeSpan.FromMinutes(ReservationMinutes);

    public TimeSpan GatewayTimeout => TimeSpan.FromSeconds(GatewayTimeoutSeconds);
}
