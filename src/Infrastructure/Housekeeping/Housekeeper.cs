using FakeShop.Infrastructure.Persistence;

namespace FakeShop.Infrastructure.Housekeeping;

/// <summary>What one purge removed.</summary>
public sealed record PurgeResult(int Carts, int Images);

/// <summary>
/// Deletes what nobody will come back for: carts untouched for longer than the cart age (their lines go with them,
/// by the foreign key's cascade), and uploaded images no product points at any more (replaced, or uploaded and never
/// saved) once they are older than the image grace period. Each is one set-based DELETE, safe to run on every replica
/// at once: a cart touched while the purge runs no longer matches its WHERE and stays.
/// </summary>
public sealed class Housekeeper(ShopDbContext db)
{
    public async Task<PurgeResult> PurgeAsync(DateTimeOffset cartsUntouchedSince, DateTimeOffset imagesCreatedBefore, CancellationToken cancellationToken)
    {
        var carts = await db.Carts.Where(c => c.UpdatedAt < cartsUntouchedSince).ExecuteDeleteAsync(cancellationToken);

        // Product image URLs are "/images/{id:N}"; parsed here rather than in SQL, where Guid formatting differs by provider.
        var urls = await db.Products.AsNoTracking().Where(p => p.ImageUrl != null).Select(p => p.ImageUrl!).ToListAsync(cancellationToken);
        var inUse = urls.Select(u => Guid.TryParseExact(u.Split('/').Last(), "N", out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var images = await db.ProductImages
            .Where(i => i.CreatedAt < imagesCreatedBefore && !inUse.Contains(i.Id))
            .ExecuteDeleteAsync(cancellationToken);
        return new PurgeResult(carts, images);
    }
}
