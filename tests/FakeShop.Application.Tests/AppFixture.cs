namespace FakeShop.Application.Tests;

/// <summary>One PostgreSQL cluster and one app for the whole project; its own database name so projects run in parallel.</summary>
public sealed class AppFixture : ShopAppFixture, IShopUnderTest
{
    protected override string DatabaseName => "fakeshop_application_tests";
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "application";
}
