using Microsoft.EntityFrameworkCore.Design;

namespace FakeShop.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef` build each provider's model without the web host or a reachable database.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresShopDbContext>
{
    public PostgresShopDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresShopDbContext>()
            .UseNpgsql("Host=localhost;Database=fakeshop_design", o => o.MigrationsHistoryTable("__EFMigrationsHistory"))
            .Options);
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteShopDbContext>
{
    public SqliteShopDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteShopDbContext>().UseSqlite("Data Source=design.db").Options);
}
