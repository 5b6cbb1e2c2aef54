namespace FakeShop.Web.Tests;

/// <summary>
/// The status badge and the delivery address are written by C# helpers (<c>OrderHtml</c>) instead of the partials
/// _OrderStatus and _Address (issue 16). The expected markup is what the partials wrote, captured before the change:
/// same classes, same data-status, the label in the page's language, the address escaped line by line.
/// </summary>
public sealed class OrderPageMarkupTests(WebFixture app) : WebTest(app)
{
    [Theory]
    [InlineData("pt-BR", "Situação: <span class=\"badge bg-primary order-status\" data-status=\"Paid\">Pago</span>\n · ", "Pago")]
    [InlineData("en", "Status: <span class=\"badge bg-primary order-status\" data-status=\"Paid\">Paid</span>\n · ", "Paid")]
    public async Task The_confirmation_and_my_orders_keep_the_badge_and_the_address_markup(string language, string statusLine, string listLabel)
    {
        var visitor = NewVisitor();
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", language);
        await AddFromProductPage(visitor, "webcam-4k-ultra", "2");
        var form = await visitor.GetAsync("/checkout");
        var values = CheckoutValues();
        values["Input.Complement"] = "Apto <1> & \"b\"";
        values["Input.District"] = "Consolação";

        var confirmation = await visitor.SubmitAsync(form, "#checkout-form", values);
        var html = await BodyAsync(visitor);

        Assert.Contains(statusLine, html, StringComparison.Ordinal);
        Assert.Contains(
            "<address class=\"mb-2\" id=\"address\">Ana Souza<br />Avenida Paulista, 1000 - Apto &lt;1&gt; &amp; &quot;b&quot;<br />\n"
            + "Consolação<br />\nSão Paulo - SP<br />\nCEP 01310-100\n</address>",
            html,
            StringComparison.Ordinal);

        var number = Text(confirmation, "#order-number");
        var orders = await visitor.GetAsync("/orders");
        var badge = orders.QuerySelector($"tr.order-row[data-number='{number}'] .order-status")!;
        Assert.Equal("badge bg-primary order-status", badge.GetAttribute("class"));
        Assert.Equal("Paid", badge.GetAttribute("data-status"));
        Assert.Equal(listLabel, badge.TextContent);
    }
}
