using System.Text.Encodings.Web;
using FakeShop.Domain.Ordering;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace FakeShop.Web.Pages.Shared;

/// <summary>
/// An order's status badge and its delivery address, written straight into the page. They were partial views
/// (_OrderStatus, _Address), rendered on the confirmation page after every checkout and once per row of the order
/// lists, each paying a view lookup, a page activation and a buffer of its own (issue 16); the markup is the same.
/// </summary>
public static class OrderHtml
{
    public static IHtmlContent OrderStatus(this IHtmlHelper html, IStringLocalizer l, OrderStatus status)
    {
        var css = status switch
        {
            Domain.Ordering.OrderStatus.Placed => "bg-info text-dark",
            Domain.Ordering.OrderStatus.Paid => "bg-primary",
            Domain.Ordering.OrderStatus.Shipped => "bg-warning text-dark",
            Domain.Ordering.OrderStatus.Delivered => "bg-success",
            Domain.Ordering.OrderStatus.AwaitingPayment => "bg-light text-dark border",
            Domain.Ordering.OrderStatus.PaymentFailed => "bg-danger",
            _ => "bg-secondary",
        };
        var label = status switch
        {
            Domain.Ordering.OrderStatus.AwaitingPayment => l["Awaiting payment"],
            Domain.Ordering.OrderStatus.PaymentFailed => l["Payment failed"],
            _ => l[status.ToString()],
        };
        return new StatusBadge(css, status.ToString(), label.Value);
    }

    /// <summary>As the Correios print it: street line, bairro, city - UF, CEP.</summary>
    public static IHtmlContent Address(this IHtmlHelper html, Address address) => new AddressLines(address);

    private sealed class StatusBadge(string css, string status, string label) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            writer.Write("<span class=\"badge ");
            writer.Write(css);
            writer.Write(" order-status\" data-status=\"");
            encoder.Encode(writer, status);
            writer.Write("\">");
            encoder.Encode(writer, label);
            writer.Write("</span>\n");
        }
    }

    private sealed class AddressLines(Address address) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            encoder.Encode(writer, address.StreetLine);
            writer.Write("<br />\n");
            if (address.District.Length > 0)
            {
                encoder.Encode(writer, address.District);
                writer.Write("<br />\n");
            }

            encoder.Encode(writer, address.City);
            writer.Write(" - ");
            encoder.Encode(writer, address.Uf.Code);
            writer.Write("<br />\nCEP ");
            encoder.Encode(writer, address.Cep.ToString());
            writer.Write('\n');
        }
    }
}
