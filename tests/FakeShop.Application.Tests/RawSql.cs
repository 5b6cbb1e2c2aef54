using Npgsql;

namespace FakeShop.Application.Tests;

/// <summary>Plain statements on a connection of the test's own, beside the app's: locks held, WAL positions read.</summary>
internal static class RawSql
{
    public static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
