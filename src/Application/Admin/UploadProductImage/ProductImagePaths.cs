namespace FakeShop.Application.Admin.UploadProductImage;

public static class ProductImagePaths
{
    /// <summary>The public URL of an uploaded image; the id never changes, so the response can be cached for ever.</summary>
    public static string For(Guid id) => "/images/" + id.ToString("N");
}
