using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeShop.Infrastructure.Persistence.DataProtection;

/// <summary>
/// Data Protection's key ring in the shop's database: the same table and rows as the framework's
/// <c>PersistKeysToDbContext</c> (keys written by it are read here, and the other way round), but read with one plain
/// SELECT. The framework's repository read it with a LINQ query, and the key ring is loaded before /health/ready
/// (ADR 27): that made it one of the process's first LINQ queries, whose compilation (EF's query pipeline, JIT-compiled
/// on first use) sat on the start's critical path (docs/performance.md, "Start-up, fifth round"). Writes are rare (a
/// new key every 90 days) and stay with EF.
/// </summary>
public sealed partial class DatabaseKeyRepository(IServiceScopeFactory scopes, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var keys = MappedTable.Of<DataProtectionKey>(db);

        var elements = new List<XElement>();
        db.Database.OpenConnection();
        try
        {
            using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT {keys.Column(nameof(DataProtectionKey.Xml))} FROM {keys.Name}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (Parse(reader.IsDBNull(0) ? null : reader.GetString(0)) is { } element)
                {
                    elements.Add(element);
                }
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }

        return elements.AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    // As the framework's repository: a row that is not XML is skipped and said, so one damaged row does not take the
    // whole ring (and with it every sealed cookie) down.
    private XElement? Parse(string? xml)
    {
        try
        {
            return string.IsNullOrEmpty(xml) ? null : XElement.Parse(xml);
        }
        catch (System.Xml.XmlException ex)
        {
            LogUnreadableKey(ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Data Protection key row is not valid XML and was skipped: {Reason}")]
    private partial void LogUnreadableKey(string reason);
}

public static class DatabaseKeyRepositoryExtensions
{
    /// <summary>Keeps the key ring in the shop's database (<see cref="DatabaseKeyRepository"/>).</summary>
    public static IDataProtectionBuilder PersistKeysToShopDatabase(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = ActivatorUtilities.CreateInstance<DatabaseKeyRepository>(services)));
        return builder;
    }
}
