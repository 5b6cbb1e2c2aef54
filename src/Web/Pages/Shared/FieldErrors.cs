using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FakeShop.Web.Pages.Shared;

/// <summary>
/// The one way a form field's server-side messages are read for display (the checkout fields, the product form, the
/// sign-in form): every message of the field, each once, in one sentence; null when the field is valid.
/// </summary>
public static class FieldErrors
{
    /// <param name="key">The field's model-state key, e.g. "Input.Email".</param>
    /// <param name="translate">For pages whose messages are resource keys rather than localized text.</param>
    public static string? ErrorText(this ModelStateDictionary modelState, string key, Func<string, string>? translate = null)
    {
        if (!modelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
        {
            return null;
        }

        var messages = entry.Errors.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal);
        return string.Join(" ", translate is null ? messages : messages.Select(translate));
    }
}
