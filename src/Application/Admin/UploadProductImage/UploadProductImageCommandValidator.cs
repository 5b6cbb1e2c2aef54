namespace FakeShop.Application.Admin.UploadProductImage;

public sealed class UploadProductImageCommandValidator : AbstractValidator<UploadProductImageCommand>
{
    public UploadProductImageCommandValidator()
    {
        RuleFor(c => c.ProductId).GreaterThan(0);
        RuleFor(c => c.Content).NotEmpty().WithMessage("Choose an image file.");
        RuleFor(c => c.Content.Length).LessThanOrEqualTo(UploadProductImageCommand.MaxBytes)
            .WithMessage("The image is larger than 2 MB.").OverridePropertyName(nameof(UploadProductImageCommand.Content));
        RuleFor(c => c.Content).Must(c => c.Length == 0 || ImageSignature.Detect(c) is not null)
            .WithMessage("Only JPEG, PNG or WebP images are accepted.");
    }
}
