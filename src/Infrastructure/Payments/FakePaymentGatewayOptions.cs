namespace FakeShop.Infrastructure.Payments;

/// <summary>
/// Section <c>Payments:Fake</c>: makes the stand-in gateway behave like a real one under load, so tests and the
/// benchmark can show what a slow or flaky provider does to checkout.
/// </summary>
public sealed class FakePaymentGatewayOptions
{
    public const string SectionName = "Payments:Fake";

    /// <summary>How long every authorization takes, in milliseconds (a real gateway: 300–3000).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share of authorizations (0..1) that fail technically, whatever the card.</summary>
    public double FailureRate { get; set; }
}
