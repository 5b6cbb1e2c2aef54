using System.Collections.Frozen;
using FakeShop.Domain.Brazil;
using Microsoft.AspNetCore.Html;

namespace FakeShop.Web.Pages.Checkout;

/// <summary>
/// The 27 options of the checkout's state select, written once per selected state (28 strings in all) instead of on
/// every view. Each of them was an <c>&lt;option&gt;</c> element the framework's OptionTagHelper ran on (the shop's
/// _ViewImports imports the MVC tag helpers, and that one binds every option element): an execution context, an
/// output and its attribute list per option, 27 times per checkout form (issue 16). States and their names do not
/// depend on the language; the "Choose…" option, which does, stays in the page.
/// </summary>
public static class UfOptionsHtml
{
    private static readonly HtmlString None = Build(null);

    private static readonly FrozenDictionary<string, HtmlString> BySelected =
        Uf.All.ToFrozenDictionary(uf => uf.Code, uf => Build(uf.Code), StringComparer.OrdinalIgnoreCase);

    /// <summary>The options with <paramref name="selected"/> selected when it is a state's code (in any case), as typed.</summary>
    public static IHtmlContent For(string? selected) =>
        selected is not null && BySelected.TryGetValue(selected, out var options) ? options : None;

    private static HtmlString Build(string? selected)
    {
        var encoder = ShopHtmlEncoder.Instance;
        var html = new System.Text.StringBuilder();
        foreach (var uf in Uf.All)
        {
            html.Append("                    <option value=\"").Append(encoder.Encode(uf.Code)).Append('"');
            if (string.Equals(uf.Code, selected, StringComparison.OrdinalIgnoreCase))
            {
                html.Append(" selected=\"selected\"");
            }

            html.Append('>').Append(encoder.Encode(uf.Code)).Append(" - ").Append(encoder.Encode(uf.Name)).Append("</option>\n");
        }

        return new HtmlString(html.ToString());
    }
}
