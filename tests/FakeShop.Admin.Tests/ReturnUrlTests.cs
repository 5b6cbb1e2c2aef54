using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Admin.Tests;

/// <summary>
/// A returnUrl the admin did not build (crafted link, edited form) must never turn a saved change into a 500: the
/// change is kept and the admin lands on a safe admin page.
/// </summary>
public sealed class ReturnUrlTests(AdminFixture app) : AdminTest(app)
{
    [Theory]
    [InlineData("/Admin/Products?q=ç", "/Admin/Products?q=%C3%A7")]
    [InlineData("/Admin/Products?q=promoção&page=1", "/Admin/Products?q=promo%C3%A7%C3%A3o&page=1")]
    [InlineData("/Admin/Products\r\nSet-Cookie: x=1", "/Admin/Products")]
    [InlineData("/Admin/Products\nX: 1", "/Admin/Products")]
    [InlineData("/Admin/Products\u2028X: 1", "/Admin/Products")]
    [InlineData("/Admin/Products\u2029", "/Admin/Products")]
    [InlineData("//evil.example/Admin", "/Admin/Products")]
    [InlineData("/\\evil.example/Admin", "/Admin/Products")]
    [InlineData("https://evil.example/Admin", "/Admin/Products")]
    [InlineData("/cart", "/Admin/Products")]
    [InlineData("", "/Admin/Products")]
    public async Task A_stock_adjustment_is_saved_and_redirects_somewhere_safe(string returnUrl, string expected)
    {
        var client = await AdminAsync(followRedirects: false);
        var list = await client.GetAsync("/Admin/Products");
        var form = list.QuerySelector<IHtmlFormElement>(".adjust-form")!;
        var id = int.Parse(form.QuerySelector<IHtmlInputElement>("input[name=productId]")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var before = await App.Factory.WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => p.Stock).SingleAsync());

        await client.SubmitAsync(list, ".adjust-form", new Dictionary<string, string> { ["delta"] = "4", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, client.Status);
        Assert.Equal(expected, client.LastResponse!.Headers.Location!.OriginalString);
        Assert.Equal(before + 4, await App.Factory.WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => p.Stock).SingleAsync()));

        var landed = await client.GetAsync(expected);
        Assert.Equal(HttpStatusCode.OK, client.Status);
        Assert.Equal($"Stock updated: now {before + 4} units.", Text(landed, "#flash"));
    }

    [Theory]
    [InlineData("%2FAdmin%2FOrders%3Fq%3D%C3%A7", "/Admin/Orders?q=%C3%A7")]
    [InlineData("%2FAdmin%2FOrders%0D%0ASet-Cookie%3A%20x%3D1", "/Admin")]
    [InlineData("%2FAdmin%2FOrders%E2%80%A8", "/Admin")]
    [InlineData("%2F%2Fevil.example%2F", "/Admin")]
    [InlineData("%2F%5Cevil.example%2F", "/Admin")]
    public async Task Signing_in_with_an_odd_return_url_lands_somewhere_safe(string encodedReturnUrl, string expected)
    {
        var client = NewClient(followRedirects: false);
        var login = await client.GetAsync("/Account/Login?ReturnUrl=" + encodedReturnUrl);
        await client.SubmitAsync(login, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = AdminFixture.AdminEmail,
            ["Input.Password"] = AdminFixture.AdminPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, client.Status);
        Assert.Equal(expected, client.LastResponse!.Headers.Location!.OriginalString);
    }
}
