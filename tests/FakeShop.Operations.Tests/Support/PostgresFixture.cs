namespace FakeShop.Operations.Tests.Support;

/// <summary>A PostgreSQL cluster owned by one test class, so stopping it (outage tests) disturbs nobody else.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync(forceThrowaway: true);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
