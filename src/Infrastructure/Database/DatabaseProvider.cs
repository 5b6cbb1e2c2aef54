namespace FakeShop.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
