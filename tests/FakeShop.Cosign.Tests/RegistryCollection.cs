namespace FakeShop.Cosign.Tests;

/// <summary>
/// All registry tests share one docker-registry process and its keys (each test uses its own repository),
/// which keeps the 2-core CI machine from running several registries and scrypt derivations at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry";
}
