namespace FakeShop.Application.Common.Abstractions;

/// <summary>Uploaded pictures, kept where every replica can read them (the database), never on local disk.</summary>
public interface IProductImageStore
{
    /// <summary>Stages the image in the current unit of work under a new id; it is written by the next SaveChanges.</summary>
    Guid Add(string contentType, byte[] data);

    Task<StoredImage?> FindAsync(Guid id, CancellationToken cancellationToken);
}
