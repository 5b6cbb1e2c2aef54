using FakeShop.Testing;

namespace FakeShop.Web.Tests;

public sealed class WebFixture : ShopAppFixture
{
    protected override string DatabaseName => "fakeshop_web_tests";

    /// <summary>The Pix expiry sweep every second, so that PixPaymentTests see the real background job settle an order.</summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Payments:Pix:SweepSeconds"] = "1" };
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
