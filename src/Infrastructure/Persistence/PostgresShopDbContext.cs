using FakeShop.Infrastructure.Persistence.Conventions;
using Npgsql;

namespace FakeShop.Infrastructure.Persistence;

public sealed class PostgresShopDbContext(DbContextOptions<PostgresShopDbContext> options) : ShopDbContext(options)
{
    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // numeric(12,2): exact centavos, sortable and summable in SQL.
        configurationBuilder.Properties<Money>().HaveConversion<MoneyToDecimalConverter>().HavePrecision(12, 2);
    }
}
