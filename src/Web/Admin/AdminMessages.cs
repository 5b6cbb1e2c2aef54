using FakeShop.Application.Admin;
using FakeShop.Web.Localization;
using Microsoft.Extensions.Localization;

namespace FakeShop.Web.Admin;

/// <summary>One translated sentence per admin outcome, so every page words the same refusal the same way.</summary>
public static class AdminMessages
{
    public static string For(AdminResult result, IStringLocalizer<SharedResource> l) => result.Outcome switch
    {
        AdminOutcome.Done => l["Saved."],
        AdminOutcome.NotFound => l["It no longer exists: someone may have deleted it."],
        AdminOutcome.Conflict => l["Someone else changed this while you were editing. Nothing was saved; the form now shows the current values."],
        AdminOutcome.SlugTaken => l["That slug is already in use. Choose another one."],
        AdminOutcome.InUse => l["It is still in use and cannot be deleted."],
        AdminOutcome.StockChanged => l["The stock changed since you opened this form (a sale or an adjustment). Nothing was saved; the form now shows the current stock."],
        AdminOutcome.IllegalTransition => l["That status change is not allowed. Nothing was changed."],
        _ => result.Detail is { } detail ? l[detail] : l["That did not work. Please try again."],
    };
}
