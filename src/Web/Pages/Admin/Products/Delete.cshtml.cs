using FakeShop.Application.Admin.DeleteProduct;
using FakeShop.Application.Admin.GetProductForEdit;

namespace FakeShop.Web.Pages.Admin.Products;

/// <summary>Confirmation first; a product that appears in orders is offered "hide" instead, since it cannot go.</summary>
public sealed class DeleteModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public ProductEditVm Product { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken ct) =>
        Product = await mediator.Send(new GetProductForEditQuery(id), ct);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        await mediator.Send(new DeleteProductCommand(id), ct);
        return Done(RedirectToPage("Index"), L["Product deleted."]);
    }
}
