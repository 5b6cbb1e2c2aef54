using FakeShop.Testing;

namespace FakeShop.Web.Tests;

public sealed class WebFixture : ShopAppFixture
{
    protected override string DatabaseName => "fakeshop_web_tests";

    /// <summary>
    /// The whole suite is one client to the global per-client limit (600 a minute): on a quiet machine it sends more
    /// than that and unrelated tests got 429s. The limit itself is tested in FakeShop.Operations.Tests.
    /// </summary>
    /// <remarks>
    /// The payment sweeps run hourly here instead of every 30 s: the tests that count SQL commands (SqlCommandCounter)
    /// count every command in the process, so a sweep falling into a counted page view would add one (the likeliest
    /// cause of CataloguePageTests' "constant number of commands" failing once on a loaded machine). The sweeps are
    /// tested on their own apps (PixExpiryTests, the Application tests).
    /// </remarks>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerMinute"] = "0",
        ["Payments:SweepIntervalSeconds"] = "3600",
        ["Payments:Pix:SweepSeconds"] = "3600",
    };
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
