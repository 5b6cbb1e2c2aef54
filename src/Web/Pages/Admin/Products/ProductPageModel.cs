using FakeShop.Application.Admin;
using FakeShop.Application.Admin.ListAdminCategories;
using FakeShop.Application.Admin.UploadProductImage;
using FakeShop.Web.Admin;
using FluentValidation;

namespace FakeShop.Web.Pages.Admin.Products;

/// <summary>What create and edit share: the bound form, the category list and the price parsing.</summary>
public abstract class ProductPageModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    [BindProperty]
    public ProductForm Input { get; set; } = new();

    public IReadOnlyList<AdminCategoryVm> Categories { get; private set; } = [];

    protected IMediator Mediator { get; } = mediator;

    /// <summary>The hint under the price field, in the admin's separators.</summary>
    public static string PriceExample => PriceInput.Example(Numbers);

    protected async Task LoadCategoriesAsync(CancellationToken ct) =>
        Categories = await Mediator.Send(new ListAdminCategoriesQuery(), ct);

    /// <summary>The fields create and edit both send, from the bound form and the price read by <see cref="ReadPrice"/>.</summary>
    protected ProductFields Fields(decimal price) => new()
    {
        Name = Input.Name ?? string.Empty,
        Slug = Input.Slug,
        ShortDescription = Input.ShortDescription,
        Description = Input.Description,
        Price = price,
        Stock = Input.Stock,
        CategoryId = Input.CategoryId,
        IsActive = Input.IsActive,
    };

    /// <returns>The price, or null after adding a form error.</returns>
    protected decimal? ReadPrice()
    {
        if (PriceInput.TryParse(Input.Price, Numbers, out var price))
        {
            return price;
        }

        ModelState.AddModelError("Input.Price", L["Enter a price such as {0}, with at most two decimals.", PriceInput.Example(Numbers)]);
        return null;
    }

    /// <summary>
    /// Reads the optional picture and checks it with the upload's own rules (signature sniffing, 2 MB) before anything
    /// is saved, so a bad file refuses the whole form instead of saving half of it.
    /// </summary>
    /// <returns>The bytes; empty when no file was chosen; null after adding a form error.</returns>
    protected async Task<byte[]?> ReadImageAsync(CancellationToken ct)
    {
        var file = Input.Image;
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return [];
        }

        if (file.Length > UploadProductImageCommand.MaxBytes)
        {
            ModelState.AddModelError(ImageKey, L["The image is larger than 2 MB."]);
            return null;
        }

        // Only the bytes go on: the uploaded name never reaches storage or a path.
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var check = new UploadProductImageCommandValidator().Validate(
            new UploadProductImageCommand(1, bytes), o => o.IncludeProperties(nameof(UploadProductImageCommand.Content)));
        if (!check.IsValid)
        {
            ModelState.AddModelError(ImageKey, L[check.Errors[0].ErrorMessage]);
            return null;
        }

        return bytes;
    }

    /// <summary>
    /// A form that comes back refused cannot hand the chosen file back to the browser: say so under the image field,
    /// unless the image itself was the problem (its own message already asks for another file).
    /// </summary>
    protected void AskForImageAgain()
    {
        // Binding leaves an entry for every field, so "already has a message" means entries with errors.
        if (Input.Image is { Length: > 0 } && ModelState[ImageKey] is not { Errors.Count: > 0 })
        {
            ModelState.AddModelError(ImageKey, L["The image was not saved: choose the file again."]);
        }
    }

    private const string ImageKey = "Input.Image";

    /// <summary>The admin's separators: prices are read and shown the way the admin's language writes them.</summary>
    protected static NumberFormatInfo Numbers => ShopCultures.NumberFormat(CultureInfo.CurrentCulture);
}
