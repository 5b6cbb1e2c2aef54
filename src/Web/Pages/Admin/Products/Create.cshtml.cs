using FakeShop.Application.Admin.CreateProduct;
using FakeShop.Application.Admin.UploadProductImage;
using FakeShop.Domain.Common;
using FakeShop.Web.Admin;
using FakeShop.Web.Localization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Pages.Admin.Products;

[RequestSizeLimit(EditModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EditModel.MaxRequestBytes, MemoryBufferThreshold = EditModel.MaxRequestBytes)]
public sealed class CreateModel(IMediator mediator, IStringLocalizer<SharedResource> l) : ProductPageModel(mediator, l)
{
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

        try
        {
            var result = await Mediator.Send(new CreateProductCommand
            {
                Name = Input.Name ?? string.Empty,
                Slug = Input.Slug,
                ShortDescription = Input.ShortDescription,
                Description = Input.Description,
                Price = price.Value,
                Stock = Input.Stock,
                CategoryId = Input.CategoryId,
                IsActive = Input.IsActive,
            }, ct);
            if (result.Succeeded)
            {
                var edit = $"/Admin/Products/Edit/{result.Id}";
                if (image.Length == 0)
                {
                    return Done(edit, L["Product created."]);
                }

                // The image was checked before the product was created; only a vanished product can refuse it now.
                var upload = await Mediator.Send(new UploadProductImageCommand(result.Id!.Value, image), ct);
                return upload.Succeeded
                    ? Done(edit, L["Product created with its image."])
                    : Failed(edit, L["Product created, but the image was not saved: {0}", AdminMessages.For(upload, L)]);
            }

            ModelState.AddModelError(string.Empty, AdminMessages.For(result, L));
        }
        catch (ValidationException ex)
        {
            AddErrors(ex);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, L[ex.Message]);
        }

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
