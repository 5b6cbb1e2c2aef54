using FakeShop.Testing;

namespace FakeShop.Web.Tests;

public sealed class WebFixture : ShopAppFixture
{
    protected override string DatabaseName => "fakeshop_web_tests";

    /// <summary>
    /// The whole suite is one client to the global per-client limit (600 a minute): on a quiet machine it sends more
    /// than that and unrelated tests got 429s. The limit itself is tested in FakeShop.Operations.Tests.
    /// </summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = "0" };
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
