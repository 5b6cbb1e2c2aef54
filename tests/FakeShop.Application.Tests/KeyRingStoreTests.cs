using System.Xml.Linq;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Infrastructure.Persistence.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Tests;

/// <summary>
/// The key ring's store reads with a plain SELECT instead of the framework's LINQ query (a start-up cost), and must
/// stay interchangeable with the framework's own store: databases that ran earlier builds hold keys it wrote. Shown on
/// both providers. Elements that are not keys are used, which the key manager skips, so the apps' rings are unchanged.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class KeyRingStoreTests(SqliteFixture sqlite, AppFixture postgres) : IClassFixture<SqliteFixture>
{
    private const string Marker = "key-ring-store-test-";

    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    private IServiceProvider Services(string provider) => provider == "Sqlite" ? sqlite.Factory.Services : postgres.Factory.Services;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Keys_the_framework_store_wrote_are_read_and_keys_written_here_are_read_by_it(string provider)
    {
        var services = Services(provider);
        var framework = new EntityFrameworkCoreXmlRepository<ShopDbContext>(services, NullLoggerFactory.Instance);
        var ours = Assert.IsType<DatabaseKeyRepository>(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        var byFramework = new XElement("not-a-key", new XAttribute("by", "framework"), new XAttribute("at", Guid.NewGuid()), "é & <ç>");
        var byUs = new XElement("not-a-key", new XAttribute("by", "shop"), new XAttribute("at", Guid.NewGuid()));
        try
        {
            framework.StoreElement(byFramework, Marker + "framework");
            ours.StoreElement(byUs, Marker + "shop");

            var readHere = ours.GetAllElements();
            Assert.Contains(readHere, e => XNode.DeepEquals(e, byFramework));
            Assert.Contains(readHere, e => XNode.DeepEquals(e, byUs));
            var readThere = framework.GetAllElements();
            Assert.Contains(readThere, e => XNode.DeepEquals(e, byUs));
            Assert.Equal(readThere.Count, readHere.Count);
        }
        finally
        {
            await RemoveTestRows(services);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_row_that_is_not_xml_is_skipped_and_the_others_are_still_read(string provider)
    {
        var services = Services(provider);
        var ours = ActivatorUtilities.CreateInstance<DatabaseKeyRepository>(services);
        var good = new XElement("not-a-key", new XAttribute("at", Guid.NewGuid()));
        try
        {
            await WithDb(services, async db =>
            {
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Marker + "broken", Xml = "<not-a-key unclosed=\"" });
                await db.SaveChangesAsync();
            });
            ours.StoreElement(good, Marker + "good");

            Assert.Contains(ours.GetAllElements(), e => XNode.DeepEquals(e, good));
        }
        finally
        {
            await RemoveTestRows(services);
        }
    }

    private static async Task RemoveTestRows(IServiceProvider services) =>
        await WithDb(services, db => db.DataProtectionKeys.Where(k => k.FriendlyName!.StartsWith(Marker)).ExecuteDeleteAsync());

    private static async Task WithDb(IServiceProvider services, Func<ShopDbContext, Task> action)
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ShopDbContext>());
    }
}
