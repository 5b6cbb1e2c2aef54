using FakeShop.Application.Common.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.UploadProductImage;

/// <summary>Stores the picture under a new id and points the product at it, in one save.</summary>
public sealed class UploadProductImageHandler(IShopDbContext db, IProductImageStore images, TimeProvider clock)
    : ICommandHandler<UploadProductImageCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(UploadProductImageCommand command, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, cancellationToken);
        if (product is null)
        {
            return AdminResult.NotFound;
        }

        var contentType = ImageSignature.Detect(command.Content)
            ?? throw new InvalidOperationException("The validator lets only recognised images through.");
        var id = images.Add(contentType, command.Content);
        product.SetImage(ProductImagePaths.For(id), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminResult.Conflict;
        }

        return AdminResult.Done(product.Id);
    }
}
