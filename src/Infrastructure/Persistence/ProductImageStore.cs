using FakeShop.Application.Common.Abstractions;

namespace FakeShop.Infrastructure.Persistence;

/// <summary>Images as rows of product_images: shared by all replicas, nothing written to the container's filesystem.</summary>
public sealed class ProductImageStore(ShopDbContext db, TimeProvider clock) : IProductImageStore
{
    public Guid Add(string contentType, byte[] data)
    {
        var image = new ProductImage { Id = Guid.NewGuid(), ContentType = contentType, Data = data, CreatedAt = clock.GetUtcNow() };
        db.ProductImages.Add(image);
        return image.Id;
    }

    public async Task<StoredImage?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ProductImages.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new StoredImage(i.ContentType, i.Data))
            .FirstOrDefaultAsync(cancellationToken);
}
