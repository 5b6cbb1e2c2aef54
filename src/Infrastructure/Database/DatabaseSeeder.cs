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
}
