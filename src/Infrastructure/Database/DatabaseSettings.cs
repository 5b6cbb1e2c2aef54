namespace FakeShop.Infrastructure.Database;

/// <summary>The resolved database choice: provider, connection string and whether to migrate before serving.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    /// <summary>Connection string with the password masked, for start-up logs.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({ConnectionString})"
        : "PostgreSQL (" + string.Join(';', ConnectionString.Split(';')
            .Where(part => part.Length > 0)
            .Select(part => part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part)) + ")";
}
