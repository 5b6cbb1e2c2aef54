namespace FakeShop.Web;

/// <summary>Where /metrics is served (docs/operations.md, "Ports").</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>The management port: an extra listener that serves /metrics and nothing else.</summary>
    public int? Port { get; set; }

    /// <summary>Without a management port: serve /metrics on the public port. Default: outside Production only.</summary>
    public bool? ServeOnPublicPort { get; set; }
}
