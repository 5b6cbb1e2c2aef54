namespace FakeShop.Infrastructure.Persistence;

/// <summary>
/// An uploaded product picture, kept in the database so that every replica can serve it and the container's root
/// filesystem can stay read-only.
/// </summary>
public class ProductImage
{
    public Guid Id { get; set; }

    public string ContentType { get; set; } = string.Empty;

    public byte[] Data { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
