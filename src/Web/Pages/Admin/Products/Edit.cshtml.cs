using FakeShop.Application.Admin;
using FakeShop.Application.Admin.GetProductForEdit;
using FakeShop.Application.Admin.SetProductVisibility;
using FakeShop.Application.Admin.UpdateProduct;
using FakeShop.Application.Admin.UploadProductImage;
using FakeShop.Domain.Common;
using FakeShop.Web.Admin;
using FakeShop.Web.Localization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

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

        AdminResult result;
        try
        {
            result = await Mediator.Send(new UpdateProductCommand
            {
                Id = id,
                Version = Input.Version,
                Name = Input.Name ?? string.Empty,
                Slug = Input.Slug,
                ShortDescription = Input.ShortDescription,
                Description = Input.Description,
                Price = price.Value,
                Stock = Input.Stock,
                StockShown = Input.StockShown,
                CategoryId = Input.CategoryId,
                IsActive = Input.IsActive,
            }, ct);
        }
        catch (ValidationException ex)
        {
            AddErrors(ex);
            return await Redisplay(id, StatusCodes.Status400BadRequest, ct);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, L[ex.Message]);
            return await Redisplay(id, StatusCodes.Status400BadRequest, ct);
        }

        switch (result.Outcome)
        {
            case AdminOutcome.Done when image.Length == 0:
                return Done($"/Admin/Products/Edit/{id}", L["Product saved."]);
            case AdminOutcome.Done:
                var upload = await Mediator.Send(new UploadProductImageCommand(id, image), ct);
                return upload.Succeeded
                    ? Done($"/Admin/Products/Edit/{id}", L["Product saved with its new image."])
                    : Failed($"/Admin/Products/Edit/{id}", L["The product was saved, but the image was not: {0}", AdminMessages.For(upload, L)]);
            case AdminOutcome.Conflict or AdminOutcome.StockChanged:
                // Show what is stored now, with its new version; the admin re-applies their change knowingly.
                ModelState.AddModelError(string.Empty, AdminMessages.For(result, L));
                AskForImageAgain();
                await LoadAsync(id, fillForm: true, ct);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case AdminOutcome.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError(string.Empty, AdminMessages.For(result, L));
                return await Redisplay(id, StatusCodes.Status400BadRequest, ct);
        }
    }

    public async Task<IActionResult> OnPostHideAsync(int id, CancellationToken ct) =>
        Outcome($"/Admin/Products/Edit/{id}", await Mediator.Send(new SetProductVisibilityCommand(id, Visible: false), ct), L["The product is hidden from the shop."]);

    public async Task<IActionResult> OnPostShowAsync(int id, CancellationToken ct) =>
        Outcome($"/Admin/Products/Edit/{id}", await Mediator.Send(new SetProductVisibilityCommand(id, Visible: true), ct), L["The product is visible in the shop."]);

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
