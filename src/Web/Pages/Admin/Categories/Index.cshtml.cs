using FakeShop.Application.Admin;
using FakeShop.Application.Admin.CreateCategory;
using FakeShop.Application.Admin.DeleteCategory;
using FakeShop.Application.Admin.ListAdminCategories;
using FakeShop.Application.Admin.RenameCategory;
using FakeShop.Domain.Common;
using FakeShop.Web.Admin;
using FakeShop.Web.Localization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Pages.Admin.Categories;

/// <summary>Create, rename and delete (when empty), all on one page with post-redirect-get.</summary>
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> l) : AdminPageModel(l)
{
    private const string Self = "/Admin/Categories";

    public IReadOnlyList<AdminCategoryVm> Categories { get; private set; } = [];

    /// <summary>The empty category whose deletion is being confirmed (?delete=id), if any.</summary>
    public AdminCategoryVm? ToDelete { get; private set; }

    public async Task OnGetAsync(int? delete, CancellationToken ct)
    {
        Categories = await mediator.Send(new ListAdminCategoriesQuery(), ct);
        ToDelete = Categories.FirstOrDefault(c => c.Id == delete && c.ProductCount == 0);
    }

    public Task<IActionResult> OnPostCreateAsync(string? name, string? slug, CancellationToken ct) =>
        Run(() => mediator.Send(new CreateCategoryCommand(name ?? string.Empty, slug), ct), L["Category created."]);

    public Task<IActionResult> OnPostRenameAsync(int id, string? name, string? slug, CancellationToken ct) =>
        Run(() => mediator.Send(new RenameCategoryCommand(id, name ?? string.Empty, slug), ct), L["Category renamed."]);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var result = await mediator.Send(new DeleteCategoryCommand(id), ct);
        return result.Outcome == AdminOutcome.InUse
            ? Failed(Self, L["This category still has products. Move or delete them first."])
            : Outcome(Self, result, L["Category deleted."]);
    }

    private async Task<IActionResult> Run(Func<ValueTask<AdminResult>> send, string success)
    {
        try
        {
            return Outcome(Self, await send(), success);
        }
        catch (ValidationException ex)
        {
            return Failed(Self, Sentences(ex, L));
        }
        catch (DomainException ex)
        {
            return Failed(Self, L[ex.Message]);
        }
    }
}
