namespace FakeShop.Web.Operations;

/// <summary>Shutdown:* — how a SIGTERM is handled (docs/operations.md).</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";
    public const int DefaultProductionDrainSeconds = 5;

    /// <summary>How long in-flight requests get to finish, in seconds (1 to 3600).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long the replica keeps serving after readiness turns 503, in seconds (0 to 3600, less than the timeout).
    /// Default: none in Development; otherwise 5 s (at most the timeout minus one), because load balancers and ingress
    /// controllers notice a failing readiness probe only after a few seconds and keep sending traffic until then.
    /// </summary>
    public int? DrainSeconds { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan DrainDelay => TimeSpan.FromSeconds(DrainSeconds ?? 0);
}

/// <summary>RateLimiting:* — requests per client and minute (0 turns the general limit off).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Sign-in attempts per client and minute on the login page.</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;
}
