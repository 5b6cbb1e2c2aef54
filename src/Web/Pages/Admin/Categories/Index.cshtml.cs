using FakeShop.Application.Admin.CreateCategory;
using FakeShop.Application.Admin.DeleteCategory;
using FakeShop.Application.Admin.ListAdminCategories;
using FakeShop.Application.Admin.RenameCategory;

namespace FakeShop.Web.Pages.Admin.Categories;

/// <summary>Create, rename and delete (when empty), all on one page with post-redirect-get.</summary>
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    public IReadOnlyList<AdminCategoryVm> Categories { get; private set; } = [];

    /// <summary>The empty category whose deletion is being confirmed (?delete=id), if any.</summary>
    public AdminCategoryVm? ToDelete { get; private set; }

    public async Task OnGetAsync(int? delete, CancellationToken ct)
    {
        Categories = await mediator.Send(new ListAdminCategoriesQuery(), ct);
        ToDelete = Categories.FirstOrDefault(c => c.Id == delete && c.ProductCount == 0);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? slug, CancellationToken ct)
    {
        await mediator.Send(new CreateCategoryCommand(name ?? string.Empty, slug), ct);
        return Done(RedirectToPage(), L["Category created."]);
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string? name, string? slug, CancellationToken ct)
    {
        await mediator.Send(new RenameCategoryCommand(id, name ?? string.Empty, slug), ct);
        return Done(RedirectToPage(), L["Category renamed."]);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        await mediator.Send(new DeleteCategoryCommand(id), ct);
        return Done(RedirectToPage(), L["Category deleted."]);
    }
}
