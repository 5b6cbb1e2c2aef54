using System.Net;
using AngleSharp.Html.Dom;

namespace FakeShop.Operations.Tests.Support;

/// <summary>A visitor doing what a person does in a browser: product page, add to cart, checkout form.</summary>
public static class Shopper
{
    public const string Email = "ana.souza@example.com";
    public const string ApprovedCard = "4111 1111 1111 1111";
    public const string DeclinedCard = "4000 0000 0000 0002";
    public const string Product = "webcam-4k-ultra";
    public const decimal ProductPrice = 899.90m;

    public static async Task AddToCartAsync(HtmlClient visitor, string slug = Product)
    {
        var page = await visitor.GetAsync($"/product/{slug}");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        await visitor.SubmitAsync(page, "#add-to-cart");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
    }

    /// <summary>Submits the checkout form and returns the page the browser ends on.</summary>
    public static async Task<IHtmlDocument> CheckoutAsync(HtmlClient visitor, string card = ApprovedCard)
    {
        var form = await visitor.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        return await visitor.SubmitAsync(form, "#checkout-form", CheckoutFields(card));
    }

    public static Dictionary<string, string> CheckoutFields(string card) => CheckoutForm.Values(card, email: Email);

    public static bool IsOrderPage(HtmlClient visitor) =>
        visitor.LastResponse?.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/orders/", StringComparison.Ordinal) == true;
}
