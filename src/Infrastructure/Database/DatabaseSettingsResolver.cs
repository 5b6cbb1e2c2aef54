using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FakeShop.Infrastructure.Database;

/// <summary>
/// Turns configuration into one unambiguous database choice. Accepts the .NET way (Database:Provider +
/// ConnectionStrings:Shop) and the original Flask shop's DB_HOST/DB_PORT/DB_USER/DB_PASSWORD/DB_NAME, and refuses
/// combinations that could silently point the app at the wrong database.
/// </summary>
public static class DatabaseSettingsResolver
{
    private static readonly string[] DbVariables = ["DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD", "DB_NAME"];
    private static readonly string[] RequiredDbVariables = ["DB_HOST", "DB_USER", "DB_NAME"];

    public static DatabaseSettings Resolve(IConfiguration configuration, string contentRoot, bool isDevelopment)
    {
        var providerText = configuration["Database:Provider"];
        var connectionString = configuration.GetConnectionString("Shop");
        var dbVariablesSet = DbVariables.Where(v => !string.IsNullOrEmpty(configuration[v])).ToList();

        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = dbVariablesSet.Count > 0 ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new ConfigurationException($"Database:Provider is '{providerText}', but it must be 'Sqlite' or 'Postgres'.");
        }

        if (provider == DatabaseProvider.Sqlite && dbVariablesSet.Count > 0)
        {
            throw new ConfigurationException(
                $"Database:Provider is Sqlite but {string.Join(", ", dbVariablesSet)} {(dbVariablesSet.Count == 1 ? "is" : "are")} set for PostgreSQL; remove one of the two.");
        }

        if (!string.IsNullOrWhiteSpace(connectionString) && dbVariablesSet.Count > 0)
        {
            throw new ConfigurationException(
                "Both ConnectionStrings:Shop and DB_* variables are set; configure the database in only one of the two ways.");
        }

        var migrateDefault = isDevelopment || provider == DatabaseProvider.Sqlite;
        var migrate = ParseBool(configuration["Database:MigrateOnStartup"], migrateDefault, "Database:MigrateOnStartup");

        var maxPoolSize = ParsePositiveInt(configuration["Database:MaxPoolSize"], DatabaseSettings.DefaultMaxPoolSize, "Database:MaxPoolSize");

        var cartAddBatch = ParsePositiveInt(configuration["Database:CartAddBatch"], DatabaseSettings.DefaultCartAddBatch, "Database:CartAddBatch");
        if (cartAddBatch > DatabaseSettings.MaxCartAddBatch)
        {
            throw new ConfigurationException($"Database:CartAddBatch must be between 1 and {DatabaseSettings.MaxCartAddBatch}.");
        }

        return provider switch
        {
            DatabaseProvider.Sqlite => new DatabaseSettings(provider, SqliteConnectionString(connectionString, contentRoot), migrate, maxPoolSize, cartAddBatch),
            _ => new DatabaseSettings(provider, PostgresConnectionString(configuration, connectionString, dbVariablesSet), migrate, maxPoolSize, cartAddBatch),
        };
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = Path.Combine(contentRoot, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "fakeshop.db")}";
    }

    private static string PostgresConnectionString(IConfiguration configuration, string? configured, List<string> dbVariablesSet)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(configured).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new ConfigurationException($"ConnectionStrings:Shop is not a valid PostgreSQL connection string ({ex.Message}).", ex);
            }
        }

        if (dbVariablesSet.Count == 0)
        {
            throw new ConfigurationException(
                "Database:Provider is Postgres but no connection is configured; set ConnectionStrings:Shop or DB_HOST, DB_USER, DB_PASSWORD and DB_NAME.");
        }

        var missing = RequiredDbVariables.Where(v => !dbVariablesSet.Contains(v)).ToList();
        if (missing.Count > 0)
        {
            throw new ConfigurationException($"PostgreSQL is configured through DB_* variables but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing.");
        }

        var port = 5432;
        if (configuration["DB_PORT"] is { Length: > 0 } portText && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new ConfigurationException($"DB_PORT is '{portText}', but it must be a port number between 1 and 65535.");
        }

        return new NpgsqlConnectionStringBuilder
        {
            Host = configuration["DB_HOST"],
            Port = port,
            Username = configuration["DB_USER"],
            Password = configuration["DB_PASSWORD"],
            Database = configuration["DB_NAME"],
        }.ConnectionString;
    }

    private static bool ParseBool(string? text, bool fallback, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new ConfigurationException($"{name} is '{text}', but it must be true or false.");
    }

    private static int ParsePositiveInt(string? text, int fallback, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ConfigurationException($"{name} is '{text}', but it must be a whole number greater than 0.");
    }
}
