namespace FakeShop.Infrastructure.Database;

/// <summary>
/// The resolved database choice: provider, connection string, whether to migrate before serving, and (PostgreSQL) the
/// most connections this instance's one pool may hold (Database:MaxPoolSize; see docs/operations.md for the sizing rule),
/// and the most adds to cart written in one statement batch and commit (Database:CartAddBatch, ADR 31; 1 = each alone).
/// </summary>
public sealed record DatabaseSettings(
    DatabaseProvider Provider,
    string ConnectionString,
    bool MigrateOnStartup,
    int MaxPoolSize = DatabaseSettings.DefaultMaxPoolSize,
    int CartAddBatch = DatabaseSettings.DefaultCartAddBatch)
{
    /// <summary>
    /// Adds waiting at the same moment are written together, up to this many (ADR 31): at 32 concurrent shoppers and
    /// one writer (ADR 32) that is every add waiting; more only makes one batch's rows stay locked longer.
    /// </summary>
    public const int DefaultCartAddBatch = 32;

    /// <summary>Upper bound of Database:CartAddBatch.</summary>
    public const int MaxCartAddBatch = 256;

    /// <summary>
    /// Well under PostgreSQL's default max_connections (100): two replicas (2 × 30), their LISTEN connections, a
    /// migration job and an admin's psql still fit. Npgsql's own default (100) lets ONE replica take them all.
    /// </summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>Connection string with the password masked, for start-up logs.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({ConnectionString})"
        : "PostgreSQL (" + string.Join(';', ConnectionString.Split(';')
            .Where(part => part.Length > 0)
            .Select(part => part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part)) + ")";
}
