namespace FakeShop.Application.Admin.UploadProductImage;

/// <summary>Only the bytes: the uploaded file name is deliberately not part of the command, so it cannot be used.</summary>
public sealed record UploadProductImageCommand(int ProductId, byte[] Content) : ICommand, IChangesCatalog
{
    public const int MaxBytes = 2 * 1024 * 1024;
}
