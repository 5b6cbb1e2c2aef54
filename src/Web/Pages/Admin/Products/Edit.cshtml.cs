using FakeShop.Application.Admin.GetProductForEdit;
using FakeShop.Application.Admin.SetProductVisibility;
using FakeShop.Application.Admin.UpdateProduct;
using FakeShop.Application.Admin.UploadProductImage;
using FakeShop.Web.Admin;

namespace FakeShop.Web.Pages.Admin.Products;

/// <summary>
/// Edit (the picture included), hide/show for one product. The request limits sit above the 2 MB image limit so a
/// too-large file reaches the handler and gets a sentence, not a framework error; files stay in memory (no temp
/// files on a read-only root filesystem).
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, MemoryBufferThreshold = MaxRequestBytes)]
public sealed class EditModel(IMediator mediator, IStringLocalizer<SharedResource> l) : ProductPageModel(mediator, l)
{
    public const int MaxRequestBytes = 8 * 1024 * 1024;

    public ProductEditVm Product { get; private set; } = null!;

    /// <summary>The product whose edit form was posted: its refusals redisplay the form rather than flash.</summary>
    private int? formPosted;

    /// <summary>Set once the product's fields are saved: a refusal after it concerns only the new image.</summary>
    private bool saved;

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, fillForm: true, ct);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var price = ReadPrice();
        var image = await ReadImageAsync(ct);
        if (price is null || image is null || !ModelState.IsValid)
        {
            return await Redisplay(id, StatusCodes.Status400BadRequest, ct);
        }

        // A refusal of the form redisplays it (OnUseCaseFailureAsync); the buttons below answer with a flash.
        formPosted = id;
        await Mediator.Send(new UpdateProductCommand(Fields(price.Value)) { Id = id, Version = Input.Version, StockShown = Input.StockShown }, ct);
        if (image.Length == 0)
        {
            return Done(RedirectToPage(new { id }), L["Product saved."]);
        }

        saved = true;
        await Mediator.Send(new UploadProductImageCommand(id, image), ct);
        return Done(RedirectToPage(new { id }), L["Product saved with its new image."]);
    }

    /// <summary>
    /// The edit form refused: a conflict shows what is stored now, with its new version, so the admin re-applies
    /// their change knowingly (409); anything else keeps what was typed, with the errors next to the fields (400).
    /// </summary>
    public override async Task<IActionResult?> OnUseCaseFailureAsync(UseCaseFailure failure, CancellationToken ct)
    {
        if (formPosted is not { } id)
        {
            return await base.OnUseCaseFailureAsync(failure, ct);
        }

        if (saved)
        {
            // The image was checked before the product was saved; only a vanished product can refuse it now.
            return Failed(RedirectToPage(new { id }), L["The product was saved, but the image was not: {0}", failure.Message]);
        }

        if (failure.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }

        AddErrors(failure);
        if (failure.Kind == FailureKind.Conflict)
        {
            AskForImageAgain();
            await LoadAsync(id, fillForm: true, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return await Redisplay(id, StatusCodes.Status400BadRequest, ct);
    }

    public async Task<IActionResult> OnPostHideAsync(int id, CancellationToken ct)
    {
        await Mediator.Send(new SetProductVisibilityCommand(id, Visible: false), ct);
        return Done(RedirectToPage(new { id }), L["The product is hidden from the shop."]);
    }

    public async Task<IActionResult> OnPostShowAsync(int id, CancellationToken ct)
    {
        await Mediator.Send(new SetProductVisibilityCommand(id, Visible: true), ct);
        return Done(RedirectToPage(new { id }), L["The product is visible in the shop."]);
    }

    private async Task LoadAsync(int id, bool fillForm, CancellationToken ct)
    {
        Product = await Mediator.Send(new GetProductForEditQuery(id), ct);
        await LoadCategoriesAsync(ct);
        if (fillForm)
        {
            Input = new ProductForm
            {
                Name = Product.Name,
                Slug = Product.Slug,
                ShortDescription = Product.ShortDescription,
                Description = Product.Description,
                Price = PriceInput.Format(Product.Price.Amount, Numbers),
                Stock = Product.Stock,
                CategoryId = Product.CategoryId,
                IsActive = Product.IsActive,
                Version = Product.Version,
                StockShown = Product.Stock,
            };
        }
    }

    private async Task<IActionResult> Redisplay(int id, int status, CancellationToken ct)
    {
        AskForImageAgain();
        await LoadAsync(id, fillForm: false, ct);
        Response.StatusCode = status;
        return Page();
    }
}
