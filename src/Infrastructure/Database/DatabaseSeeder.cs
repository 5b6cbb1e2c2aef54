using FakeShop.Domain.Catalog;
using FakeShop.Infrastructure.Persistence;

namespace FakeShop.Infrastructure.Database;

/// <summary>
/// Adds the demo catalogue where it is missing. Idempotent by slug, so it is safe on every start and after tests
/// reset the database; it never overwrites what an admin has changed.
/// </summary>
public sealed class DatabaseSeeder(TimeProvider clock)
{
    public async Task SeedAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        // On every start but the first nothing is missing: one plain SELECT says so without EF's first two LINQ
        // queries of the process (their compilation was ≈ 150 ms of CPU before ready).
        if (await NothingMissingAsync(db, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, cancellationToken);
        var added = false;
        foreach (var (slug, name) in SeedCatalogue.Categories)
        {
            if (!categories.ContainsKey(slug))
            {
                var category = new Category(name, slug);
                db.Categories.Add(category);
                categories[slug] = category;
                added = true;
            }
        }

        // On every start but the first nothing is missing: no save, so start-up does not warm EF's update pipeline.
        if (added)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var existing = (await db.Products.Select(p => p.Slug).ToListAsync(cancellationToken)).ToHashSet();
        var order = 0;
        added = false;
        foreach (var seed in SeedCatalogue.Products)
        {
            order++;
            if (existing.Contains(seed.Slug))
            {
                continue;
            }

            // Spread creation times so "newest" has a stable, meaningful order.
            var product = new Product(seed.Name, seed.Slug, seed.Short, seed.Description, Money.Brl(seed.Price), seed.Stock,
                categories[seed.Category].Id, now.AddMinutes(order - SeedCatalogue.Products.Length));
            product.SetImage($"/img/products/{seed.Slug}.svg", now.AddMinutes(order - SeedCatalogue.Products.Length));
            db.Products.Add(product);
            added = true;
        }

        if (added)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static async Task<bool> NothingMissingAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        var categories = new HashSet<string>(StringComparer.Ordinal);
        var products = new HashSet<string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT 'c', \"Slug\" FROM categories UNION ALL SELECT 'p', \"Slug\" FROM {ShopTables.Products}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                (reader.GetString(0) == "c" ? categories : products).Add(reader.GetString(1));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return SeedCatalogue.Categories.All(c => categories.Contains(c.Slug)) && SeedCatalogue.Products.All(p => products.Contains(p.Slug));
    }
}
