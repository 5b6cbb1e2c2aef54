using System.Data.Common;
using System.Globalization;
using FakeShop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Infrastructure.Identity;

/// <summary>
/// Whether the Admin role exists and, when an admin is configured, that user is in it: one plain SELECT, with the
/// table and column names taken from the EF model (a renamed Identity table changes the SQL with it) and the names
/// normalized by Identity's own normalizer, so it agrees with what <see cref="RoleManager{TRole}"/> and
/// <see cref="UserManager{TUser}"/> would find.
/// </summary>
internal static class AdminPresence
{
    public static async Task<bool> IsInPlaceAsync(IServiceProvider services, string? adminEmail, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ShopDbContext>();
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var roles = MappedTable.Of<IdentityRole>(db);
        var users = MappedTable.Of<IdentityUser>(db);
        var memberships = MappedTable.Of<IdentityUserRole<string>>(db);

        var text = $"SELECT EXISTS (SELECT 1 FROM {roles.Name} WHERE {roles.Column(nameof(IdentityRole.NormalizedName))} = @role)";
        if (adminEmail is not null)
        {
            text += $"""
                 AND EXISTS (SELECT 1 FROM {users.Name} u
                    JOIN {memberships.Name} m ON m.{memberships.Column(nameof(IdentityUserRole<string>.UserId))} = u.{users.Column(nameof(IdentityUser.Id))}
                    JOIN {roles.Name} r ON r.{roles.Column(nameof(IdentityRole.Id))} = m.{memberships.Column(nameof(IdentityUserRole<string>.RoleId))}
                    WHERE u.{users.Column(nameof(IdentityUser.NormalizedEmail))} = @email AND r.{roles.Column(nameof(IdentityRole.NormalizedName))} = @role)
                """;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = text;
            Add(command, "@role", normalizer.NormalizeName(ShopRoles.Admin));
            if (adminEmail is not null)
            {
                Add(command, "@email", normalizer.NormalizeEmail(adminEmail));
            }

            // PostgreSQL answers a boolean, SQLite 0 or 1.
            return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
