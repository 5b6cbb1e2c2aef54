using FakeShop.Infrastructure.Persistence.Conventions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FakeShop.Infrastructure.Persistence;

/// <summary>
/// SQLite keeps decimals and DateTimeOffsets as text, which it can neither sort nor sum; integers (centavos, UTC
/// ticks) can be, so this provider stores them that way.
/// </summary>
public sealed class SqliteShopDbContext(DbContextOptions<SqliteShopDbContext> options) : ShopDbContext(options)
{
    private const int SqliteConstraintUnique = 2067;

    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Money>().HaveConversion<MoneyToCentsConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
