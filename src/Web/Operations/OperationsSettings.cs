using System.Globalization;
using FakeShop.Infrastructure.Database;

namespace FakeShop.Web.Operations;

/// <summary>
/// The operational settings, read and checked once before the host is built, so a wrong value stops the app with
/// one sentence (Program turns <see cref="ConfigurationException"/> into "Configuration error: ..." and exit code 2)
/// instead of a binder stack trace on the first request.
/// </summary>
public sealed record OperationsSettings(TimeSpan ShutdownTimeout, TimeSpan DrainDelay, int PermitsPerMinute)
{
    public const int DefaultShutdownTimeoutSeconds = 30;
    public const int DefaultProductionDrainSeconds = 5;
    public const int DefaultPermitsPerMinute = 600;

    public static OperationsSettings Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var timeout = WholeNumber(configuration, "Shutdown:TimeoutSeconds", DefaultShutdownTimeoutSeconds, 1, 3600);

        // Load balancers and ingress controllers notice a failing readiness probe only after a few seconds; until then
        // they keep sending traffic, which must still be served. Tests and developers do not want to wait for that.
        var drainDefault = environment.IsDevelopment() ? 0 : Math.Min(DefaultProductionDrainSeconds, timeout - 1);
        var drain = WholeNumber(configuration, "Shutdown:DrainSeconds", drainDefault, 0, 3600);
        if (drain >= timeout)
        {
            throw new ConfigurationException(
                $"Shutdown:DrainSeconds is {drain}, but it must be less than Shutdown:TimeoutSeconds ({timeout}), or in-flight requests get no time to finish.");
        }

        var permits = WholeNumber(configuration, "RateLimiting:PermitsPerMinute", DefaultPermitsPerMinute, 0, 1_000_000);

        // Shipping is bound by the options binder, which throws a long InvalidOperationException for text it cannot
        // convert; check the raw text here so a typo reads as a sentence. Range rules stay with the options validation.
        Amount(configuration, "Shipping:FlatRate");
        Amount(configuration, "Shipping:FreeFrom");

        return new OperationsSettings(TimeSpan.FromSeconds(timeout), TimeSpan.FromSeconds(drain), permits);
    }

    private static int WholeNumber(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ConfigurationException($"{key} is '{text}', but it must be a whole number from {min} to {max}.");
    }

    private static void Amount(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (!string.IsNullOrWhiteSpace(text) && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            throw new ConfigurationException($"{key} is '{text}', but it must be an amount in reais such as 10.00.");
        }
    }
}
