using FakeShop.Application.Catalog.GetProductDetails;

namespace FakeShop.Web.Pages.Products;

public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public ProductDetailsVm Product { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (QueryInput.Slug(slug) is not { } valid)
        {
            return NotFound();
        }

        var product = await mediator.Send(new GetProductDetailsQuery(valid), ct);
        if (product is null)
        {
            return NotFound();
        }

        Product = product;
        return Page();
    }
}
