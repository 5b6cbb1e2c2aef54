using FakeShop.Application.Admin;
using FakeShop.Domain.Ordering;
using FakeShop.Web.Admin;
using FakeShop.Web.Infrastructure;
using FakeShop.Web.Localization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Pages.Admin;

/// <summary>The few helpers every admin page needs: post-redirect-get with a flash message, and errors into ModelState.</summary>
public abstract class AdminPageModel(IStringLocalizer<SharedResource> l) : PageModel
{
    protected IStringLocalizer<SharedResource> L { get; } = l;

    /// <summary>The signed-in admin as written into order histories.</summary>
    protected string Actor => User.Identity?.Name ?? "admin";

    protected RedirectResult Done(string url, string message)
    {
        TempData["Flash"] = message;
        return Redirect(url);
    }

    protected RedirectResult Failed(string url, string message)
    {
        TempData["FlashError"] = message;
        return Redirect(url);
    }

    protected RedirectResult Outcome(string url, AdminResult result, string successMessage) =>
        result.Succeeded ? Done(url, successMessage) : Failed(url, AdminMessages.For(result, L));

    protected void AddErrors(ValidationException ex, string prefix = "Input")
    {
        foreach (var error in ex.Errors)
        {
            ModelState.AddModelError(prefix + "." + error.PropertyName, L[error.ErrorMessage]);
        }
    }

    protected static string Sentences(ValidationException ex, IStringLocalizer<SharedResource> l) =>
        string.Join(" ", ex.Errors.Select(e => l[e.ErrorMessage].Value).Distinct());

    protected static OrderStatus? ParseStatus(string? text) =>
        Enum.TryParse<OrderStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;

    /// <summary>Only admin paths may be a return target; see <see cref="LocalUrls"/>.</summary>
    protected static string Back(string? returnUrl, string fallback) => LocalUrls.Safe(returnUrl, fallback, "/Admin");
}
