using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Ordering;
using FakeShop.Testing;
using FakeShop.Web.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Tests;

/// <summary>What the Pix tests do over HTTP: check out with the Pix button, and deliver (signed) webhook events.</summary>
public sealed class PixFlow(ShopAppFixture app)
{
    public PixOptions Options => app.Factory.Services.GetRequiredService<IOptions<PixOptions>>().Value;

    /// <summary>Checks out with the Pix button, card fields left empty as a Pix payer leaves them.</summary>
    public async Task<(HtmlClient Visitor, string Number, IHtmlDocument Page)> CheckoutAsync(string slug = "webcam-4k-ultra", string quantity = "2")
    {
        var visitor = app.NewVisitor();
        var product = await visitor.GetAsync($"/product/{slug}");
        await visitor.SubmitAsync(product, "#add-to-cart", new Dictionary<string, string> { ["quantity"] = quantity });
        var form = await visitor.GetAsync("/checkout");
        Assert.NotNull(form.QuerySelector("#place-order-pix"));
        var values = CheckoutForm.Values();
        foreach (var card in new[] { "Input.CardHolder", "Input.CardNumber", "Input.CardExpiry", "Input.Cvv" })
        {
            values[card] = "";
        }

        values["Input.PaymentMethod"] = "Pix";
        var page = await visitor.SubmitAsync(form, "#checkout-form", values);
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        var number = page.QuerySelector("#order-number")?.TextContent.Trim()
            ?? throw new Xunit.Sdk.XunitException("No order number after the Pix checkout: " + page.Body?.TextContent.Trim());
        return (visitor, number, page);
    }

    public Task<Order> OrderAsync(string number) =>
        app.Factory.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == number));

    public Task<int> StockAsync(string slug) =>
        app.Factory.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());

    public async Task<HttpResponseMessage> DeliverAsync(string body, string? signature, Action<HttpRequestMessage>? headers = null)
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, PixWebhookEndpoints.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(PixWebhookSignature.HeaderName, signature);
        }

        headers?.Invoke(request);
        return await client.SendAsync(request);
    }

    public string Sign(string body, DateTimeOffset? at = null, string? secret = null) =>
        PixWebhookSignature.Compute(secret ?? Options.WebhookSecret!, at ?? DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body));

    public static string PaidEvent(string eventId, string txId, decimal amount) =>
        $$"""{"eventId":"{{eventId}}","txId":"{{txId}}","amount":"{{amount.ToString("0.00", CultureInfo.InvariantCulture)}}"}""";

    public static async Task AssertAnswer(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(reason, await response.Content.ReadAsStringAsync());
    }
}
