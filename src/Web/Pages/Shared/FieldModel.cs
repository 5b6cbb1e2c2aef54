using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace FakeShop.Web.Pages.Shared;

/// <summary>
/// One labelled form input with its format hint and server-side error, so every checkout field is rendered the same
/// way. There is deliberately no pattern or required attribute: the form is novalidate and the server's messages,
/// in the page's language and next to their field, are the only ones a shopper sees.
/// </summary>
public sealed record FieldModel(
    string Name,
    string Label,
    string? Value,
    int MaxLength,
    bool Required = true,
    string Type = "text",
    string? Hint = null,
    string? AutoComplete = null,
    string? InputMode = null,
    string ColumnClass = "col-12 col-md-6");

/// <summary>
/// Writes a <see cref="FieldModel"/> as HTML. It was a partial view rendered 15 times per checkout page, and each
/// partial paid a view lookup, a page activation and a view buffer of its own (≈ 8 % of the page's CPU, issue 16);
/// this writes the same markup straight into the page's output. Values go through the page's encoder, as Razor's
/// attributes do; a null value, autocomplete or inputmode leaves the attribute out, as Razor's conditional
/// attributes did.
/// </summary>
public static class FieldHtml
{
    /// <param name="l">The page's localizer, for the "(optional)" after the label of a field that is not required.</param>
    public static IHtmlContent Field(this IHtmlHelper html, IStringLocalizer l, FieldModel field) =>
        new Content(field, html.ViewContext.ViewData.ModelState, field.Required ? null : l["(optional)"].Value);

    private sealed class Content(FieldModel field, ModelStateDictionary modelState, string? optional) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var id = "Input_" + field.Name;
            var error = modelState.ErrorText("Input." + field.Name);
            var invalid = error is not null;

            writer.Write("<div class=\"");
            encoder.Encode(writer, field.ColumnClass);
            writer.Write("\">\n    <label for=\"");
            encoder.Encode(writer, id);
            writer.Write("\" class=\"form-label\">");
            encoder.Encode(writer, field.Label);
            if (optional is not null)
            {
                encoder.Encode(writer, " " + optional);
            }

            writer.Write("</label>\n    <input id=\"");
            encoder.Encode(writer, id);
            writer.Write("\" name=\"Input.");
            encoder.Encode(writer, field.Name);
            writer.Write("\" type=\"");
            encoder.Encode(writer, field.Type);
            writer.Write('"');
            Attribute(writer, encoder, " value=\"", field.Value);
            writer.Write(invalid ? " class=\"form-control is-invalid\"" : " class=\"form-control \"");
            writer.Write("\n           maxlength=\"");
            writer.Write(field.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.Write('"');
            if (field.Required)
            {
                writer.Write(" aria-required=\"true\"");
            }

            Attribute(writer, encoder, " autocomplete=\"", field.AutoComplete);
            Attribute(writer, encoder, "\n           inputmode=\"", field.InputMode);
            if (field.Hint is not null || invalid)
            {
                writer.Write(" aria-describedby=\"");
                if (field.Hint is not null)
                {
                    encoder.Encode(writer, id);
                    writer.Write("-hint");
                    if (invalid)
                    {
                        writer.Write(' ');
                    }
                }

                if (invalid)
                {
                    encoder.Encode(writer, id);
                    writer.Write("-error");
                }

                writer.Write('"');
            }

            if (invalid)
            {
                writer.Write(" aria-invalid=\"true\"");
            }

            writer.Write(" />\n");
            if (field.Hint is not null)
            {
                writer.Write("        <div class=\"form-text\" id=\"");
                encoder.Encode(writer, id);
                writer.Write("-hint\">");
                encoder.Encode(writer, field.Hint);
                writer.Write("</div>\n");
            }

            if (error is not null)
            {
                writer.Write("        <div class=\"invalid-feedback field-error\" id=\"");
                encoder.Encode(writer, id);
                writer.Write("-error\">");
                encoder.Encode(writer, error);
                writer.Write("</div>\n");
            }

            writer.Write("</div>\n");
        }

        private static void Attribute(TextWriter writer, HtmlEncoder encoder, string start, string? value)
        {
            if (value is null)
            {
                return;
            }

            writer.Write(start);
            encoder.Encode(writer, value);
            writer.Write('"');
        }
    }
}
