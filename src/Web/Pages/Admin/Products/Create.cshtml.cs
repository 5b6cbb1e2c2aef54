using FakeShop.Application.Admin.CreateProduct;
using FakeShop.Application.Admin.UploadProductImage;

namespace FakeShop.Web.Pages.Admin.Products;

[RequestSizeLimit(EditModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EditModel.MaxRequestBytes, MemoryBufferThreshold = EditModel.MaxRequestBytes)]
public sealed class CreateModel(IMediator mediator, IStringLocalizer<SharedResource> l) : ProductPageModel(mediator, l)
{
    /// <summary>Set once the product exists: a refusal after it concerns only its image.</summary>
    private int? created;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new ProductForm { IsActive = true };
        await LoadCategoriesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var price = ReadPrice();
        var image = await ReadImageAsync(ct);
        if (price is null || image is null || !ModelState.IsValid)
        {
            return await Redisplay(ct);
        }

        var id = await Mediator.Send(new CreateProductCommand(Fields(price.Value)), ct);
        if (image.Length == 0)
        {
            return Done(RedirectToPage("Edit", new { id }), L["Product created."]);
        }

        // The image was checked before the product was created; only a vanished product can refuse it now.
        created = id;
        await Mediator.Send(new UploadProductImageCommand(id, image), ct);
        return Done(RedirectToPage("Edit", new { id }), L["Product created with its image."]);
    }

    /// <summary>
    /// A refused product comes back as the form with the errors next to its fields; a refused image of a product
    /// already created goes to that product with the reason.
    /// </summary>
    public override async Task<IActionResult?> OnUseCaseFailureAsync(UseCaseFailure failure, CancellationToken ct)
    {
        if (created is { } id)
        {
            return Failed(RedirectToPage("Edit", new { id }), L["Product created, but the image was not saved: {0}", failure.Message]);
        }

        AddErrors(failure);
        return await Redisplay(ct);
    }

    private async Task<IActionResult> Redisplay(CancellationToken ct)
    {
        AskForImageAgain();
        await LoadCategoriesAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
