namespace FakeShop.Application.Admin.UploadProductImage;

/// <summary>Stores the picture under a new id and points the product at it, in one save.</summary>
public sealed class UploadProductImageHandler(IShopDbContext db, IProductImageStore images, TimeProvider clock)
    : ICommandHandler<UploadProductImageCommand>
{
    public async ValueTask<Unit> Handle(UploadProductImageCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.LoadAsync(p => p.Id == command.ProductId, cancellationToken);
        var contentType = ImageSignature.Detect(command.Content)
            ?? throw new InvalidOperationException("The validator lets only recognised images through.");
        var id = images.Add(contentType, command.Content);
        product.SetImage(ProductImagePaths.For(id), clock.GetUtcNow());
        await db.SaveAsync(cancellationToken);
        return Unit.Value;
    }
}
