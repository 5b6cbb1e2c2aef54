using FakeShop.Application.Admin.CreateProduct;
using FakeShop.Domain.Common;
using FakeShop.Web.Admin;
using FakeShop.Web.Localization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Pages.Admin.Products;

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
        if (price is null || !ModelState.IsValid)
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
                return Done($"/Admin/Products/Edit/{result.Id}", L["Product created."]);
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
        await LoadCategoriesAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
