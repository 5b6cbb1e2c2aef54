using FakeShop.Domain.Ordering;

namespace FakeShop.Web.Pages.Admin;

/// <summary>
/// The few helpers every admin page needs: post-redirect-get with a flash message, and a use case's refusal as the
/// error flash on the page the post came from (docs/decisions/0017): a product deleted meanwhile, a slug taken,
/// another admin's save, a bad value.
/// </summary>
public abstract class AdminPageModel(IStringLocalizer<SharedResource> l) : PageModel, IUseCaseFailurePage
{
    /// <summary>Only admin paths may be a return target; see <see cref="LocalUrls"/>.</summary>
    protected const string Section = "/Admin";

    protected IStringLocalizer<SharedResource> L { get; } = l;

    /// <summary>The signed-in admin as written into order histories.</summary>
    protected string Actor => User.Identity?.Name ?? "admin";

    /// <summary>Where a refused post goes back to; the page itself unless the handler names another (a list's returnUrl).</summary>
    protected IActionResult? BackOnFailure { get; set; }

    /// <summary>Post-redirect-get: <paramref name="redirect"/> with a confirmation on the page it leads to.</summary>
    protected T Done<T>(T redirect, string message) where T : IActionResult
    {
        TempData.Flash(message);
        return redirect;
    }

    /// <summary>Post-redirect-get: <paramref name="redirect"/> with a refusal on the page it leads to.</summary>
    protected T Failed<T>(T redirect, string message) where T : IActionResult
    {
        TempData.FlashError(message);
        return redirect;
    }

    /// <summary>A refused post goes back with the sentence as the error flash; a GET of something missing is a 404.</summary>
    public virtual Task<IActionResult?> OnUseCaseFailureAsync(UseCaseFailure failure, CancellationToken ct) =>
        Task.FromResult<IActionResult?>(HttpMethods.IsPost(Request.Method) ? Failed(BackOnFailure ?? RedirectToPage(), failure.Message) : null);

    /// <summary>A refusal next to the form's fields (<paramref name="prefix"/> is the bound form's name).</summary>
    protected void AddErrors(UseCaseFailure failure, string prefix = "Input")
    {
        if (failure.Fields.Count == 0)
        {
            ModelState.AddModelError(string.Empty, failure.Message);
            return;
        }

        foreach (var error in failure.Fields)
        {
            ModelState.AddModelError(prefix + "." + error.Property, error.Message);
        }
    }

    protected static OrderStatus? ParseStatus(string? text) =>
        Enum.TryParse<OrderStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;
}
