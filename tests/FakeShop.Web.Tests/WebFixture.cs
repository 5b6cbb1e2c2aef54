using FakeShop.Testing;

namespace FakeShop.Web.Tests;

public sealed class WebFixture : ShopAppFixture
{
    protected override string DatabaseName => "fakeshop_web_tests";
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
