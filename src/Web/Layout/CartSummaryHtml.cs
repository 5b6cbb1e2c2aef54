using FakeShop.Application.Carts;
using Microsoft.AspNetCore.Html;

namespace FakeShop.Web.Layout;

/// <summary>
/// Subtotal, shipping and total of a cart, as the cart page and the checkout page show them. Written here rather than
/// as a partial view: the cart page rendered it through <c>&lt;partial&gt;</c>, a view lookup and activation per
/// request for six lines of markup (issue 16).
/// </summary>
public static class CartSummaryHtml
{
    public static IHtmlContent Of(CartVm cart, IStringLocalizer l)
    {
        var encoder = ShopHtmlEncoder.Instance;
        var shipping = cart.Shipping.IsZero && !cart.Subtotal.IsZero ? l["Free"].Value : cart.Shipping.Format();
        return new HtmlString(string.Concat(
        [
            "<dl class=\"row mb-0 cart-totals\">\n    <dt class=\"col-6\">", encoder.Encode(l["Subtotal"].Value),
            "</dt>\n    <dd class=\"col-6 text-end\" id=\"subtotal\">", encoder.Encode(cart.Subtotal.Format()),
            "</dd>\n    <dt class=\"col-6\">", encoder.Encode(l["Shipping"].Value),
            "</dt>\n    <dd class=\"col-6 text-end\" id=\"shipping\">", encoder.Encode(shipping),
            "</dd>\n    <dt class=\"col-6 fs-5\">", encoder.Encode(l["Total"].Value),
            "</dt>\n    <dd class=\"col-6 text-end fs-5 fw-bold\" id=\"total\">", encoder.Encode(cart.Total.Format()),
            "</dd>\n</dl>\n",
        ]));
    }
}
