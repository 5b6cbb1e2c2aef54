using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Ordering;
using FakeShop.Domain.Payments;
using FakeShop.Testing;
using FakeShop.Web.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Tests;

/// <summary>
/// Pix over HTTP on PostgreSQL: the checkout writes the order awaiting payment with its charge, the order page shows
/// the QR code, the copia-e-cola code and the deadline, and only a properly signed, fresh, new webhook event for the
/// order's charge and total marks it paid. Every refusal leaves the order as it was.
/// </summary>
public sealed class PixPaymentTests(WebFixture app) : WebTest(app)
{
    private PixFlow Pix => new(App);

    [Fact]
    public async Task A_pix_checkout_waits_for_payment_and_a_signed_webhook_marks_it_paid()
    {
        var before = await Stock("webcam-4k-ultra");
        var (visitor, number, page) = await Pix.CheckoutAsync();

        // Awaiting payment, stock reserved, the charge on the order.
        var order = await Pix.OrderAsync(number);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(PaymentMethod.Pix, order.PaymentMethod);
        Assert.Null(order.Payment);
        Assert.Equal(before - 2, await Stock("webcam-4k-ultra"));
        Assert.NotNull(order.Pix);

        // The page: QR code (inline SVG), the copia-e-cola text (a valid BR Code for the total) and the deadline.
        Assert.NotNull(page.QuerySelector("#pix-qr svg"));
        var code = page.QuerySelector<IHtmlTextAreaElement>("#pix-code")!.Value;
        Assert.Equal(order.Pix.BrCode, code);
        var fields = PixBrCode.Parse(code);
        Assert.NotNull(fields);
        Assert.Equal(order.Total.Amount.ToString("0.00", CultureInfo.InvariantCulture), fields["54"]);
        Assert.Equal(order.Pix.TxId, PixBrCode.ReadFields(fields["62"])!["05"]);
        var deadline = DateTimeOffset.Parse(page.QuerySelector("#pix-countdown")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture);
        Assert.Equal(order.PaymentDueAt!.Value.ToUnixTimeSeconds(), deadline.ToUnixTimeSeconds());
        Assert.InRange(deadline - order.PlacedAt, TimeSpan.FromMinutes(Pix.Options.ExpiryMinutes) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(Pix.Options.ExpiryMinutes));
        Assert.Equal($"{Pix.Options.ExpiryMinutes} min", Text(page, "#pix-countdown"));
        Assert.Contains("Pague até", Text(page, "#pix-deadline"), StringComparison.Ordinal);
        var script = page.QuerySelector("#pix-payment script")!.GetAttribute("src")!;
        Assert.Matches(@"^/js/pix-countdown(\.[a-z0-9]+)?\.js", script);
        using (var http = App.Factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(script)).StatusCode);
        }

        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.GetAttribute("src") is null);

        // The provider says it was paid.
        var body = PixFlow.PaidEvent("evt-1", order.Pix.TxId, order.Total.Amount);
        var signature = Pix.Sign(body);
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(body, signature), HttpStatusCode.OK, "paid");

        var paid = await Pix.OrderAsync(number);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal("evt-1", paid.Pix!.PaidEventId);
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid], paid.History.OrderBy(h => h.ChangedAt).Select(h => h.Status));
        Assert.Equal(before - 2, await Stock("webcam-4k-ultra"));

        // The same delivery again (a provider retry or a replay) changes nothing.
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(body, signature), HttpStatusCode.Conflict, "replayed");
        Assert.Equal(2, (await Pix.OrderAsync(number)).History.Count);

        var details = await visitor.GetAsync($"/orders/{number}");
        Assert.Equal("Paid", details.QuerySelector(".order-status")!.GetAttribute("data-status"));
        Assert.Null(details.QuerySelector("#pix-payment"));
    }

    [Fact]
    public async Task Bad_signatures_stale_or_unknown_events_and_wrong_amounts_are_refused_and_change_nothing()
    {
        var (_, number, _) = await Pix.CheckoutAsync();
        var order = await Pix.OrderAsync(number);
        var txId = order.Pix!.TxId;
        var body = PixFlow.PaidEvent("evt-2", txId, order.Total.Amount);

        await PixFlow.AssertAnswer(await Pix.DeliverAsync(body, signature: null), HttpStatusCode.Unauthorized, "bad_signature");
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(body, Pix.Sign(body, secret: "another-secret-of-at-least-thirty-two-chars")), HttpStatusCode.Unauthorized, "bad_signature");
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(body.Replace("evt-2", "evt-3", StringComparison.Ordinal), Pix.Sign(body)), HttpStatusCode.Unauthorized, "bad_signature");
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(body, Pix.Sign(body, DateTimeOffset.UtcNow.AddMinutes(-10))), HttpStatusCode.Conflict, "replayed");
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(body, Pix.Sign(body, DateTimeOffset.UtcNow.AddMinutes(10))), HttpStatusCode.Conflict, "replayed");
        var unknown = PixFlow.PaidEvent("evt-4", "FS0000000000UNKNOWN1234", order.Total.Amount);
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(unknown, Pix.Sign(unknown)), HttpStatusCode.NotFound, "unknown_charge");
        var cheaper = PixFlow.PaidEvent("evt-5", txId, order.Total.Amount - 1m);
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(cheaper, Pix.Sign(cheaper)), HttpStatusCode.UnprocessableEntity, "amount_mismatch");
        const string garbage = "{\"eventId\":";
        await PixFlow.AssertAnswer(await Pix.DeliverAsync(garbage, Pix.Sign(garbage)), HttpStatusCode.BadRequest, "malformed");

        var unchanged = await Pix.OrderAsync(number);
        Assert.Equal(OrderStatus.AwaitingPayment, unchanged.Status);
        Assert.Null(unchanged.Pix!.PaidEventId);
        Assert.Single(unchanged.History);
        Assert.Equal(order.Version, unchanged.Version);
    }

    [Fact]
    public async Task Simultaneous_deliveries_of_one_event_pay_the_order_once()
    {
        var (_, number, _) = await Pix.CheckoutAsync();
        var order = await Pix.OrderAsync(number);
        var body = PixFlow.PaidEvent("evt-race", order.Pix!.TxId, order.Total.Amount);
        var signature = Pix.Sign(body);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Pix.DeliverAsync(body, signature)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var paid = await Pix.OrderAsync(number);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(2, paid.History.Count);
    }

    [Fact]
    public async Task The_webhook_needs_no_browser_headers_and_cross_site_headers_do_not_stop_a_signed_event()
    {
        var (_, number, _) = await Pix.CheckoutAsync();
        var order = await Pix.OrderAsync(number);
        var body = PixFlow.PaidEvent("evt-6", order.Pix!.TxId, order.Total.Amount);

        var response = await Pix.DeliverAsync(body, Pix.Sign(body), r =>
        {
            r.Headers.Add("Sec-Fetch-Site", "cross-site");
            r.Headers.Add("Origin", "https://psp.example");
        });
        await PixFlow.AssertAnswer(response, HttpStatusCode.OK, "paid");

        // The exemption is this path only: another unsafe request from another site is still refused.
        using var client = App.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cart/add") { Content = new FormUrlEncodedContent([new("productId", "1")]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task In_development_the_simulate_button_pays_through_the_signed_webhook()
    {
        var (visitor, number, page) = await Pix.CheckoutAsync();

        var after = await visitor.SubmitAsync(page, "#pix-simulate-form");

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal($"/orders/{number}", PathOf(visitor));
        Assert.Equal("Paid", after.QuerySelector(".order-status")!.GetAttribute("data-status"));
        Assert.Contains("Pagamento recebido", after.Body!.TextContent, StringComparison.Ordinal);
        var order = await Pix.OrderAsync(number);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.StartsWith("sim-", order.Pix!.PaidEventId, StringComparison.Ordinal);

        // Another visitor cannot pay (or even see) it.
        var stranger = NewVisitor();
        await stranger.PostAsync($"/orders/{number}?handler=SimulatePix", [new("__RequestVerificationToken", Antiforgery(page))]);
        Assert.NotEqual(HttpStatusCode.OK, stranger.Status);
    }
}
