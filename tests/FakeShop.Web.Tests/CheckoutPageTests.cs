using System.Net;
using AngleSharp.Html.Dom;
using FakeShop.Testing;

namespace FakeShop.Web.Tests;

/// <summary>Issue 3 through the pages: the checkout form, its errors, payment outcomes, double submits and My orders.</summary>
public sealed class CheckoutPageTests(WebFixture app) : WebTest(app)
{
    private async Task<(HtmlClient Visitor, IHtmlDocument Form)> VisitorAtCheckout(string slug = "webcam-4k-ultra", string quantity = "2")
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, slug, quantity);
        var form = await visitor.GetAsync("/checkout");
        Assert.Equal("/checkout", PathOf(visitor));
        return (visitor, form);
    }

    private static string Value(IHtmlDocument page, string id) => page.QuerySelector<IHtmlInputElement>("#" + id)!.Value;

    [Fact]
    public async Task An_empty_cart_cannot_check_out()
    {
        var visitor = NewVisitor();
        var page = await visitor.GetAsync("/checkout");

        Assert.Equal("/cart", PathOf(visitor));
        Assert.NotNull(page.QuerySelector("#empty-cart"));
    }

    [Fact]
    public async Task The_checkout_page_reuses_the_visitors_form_token_and_the_order_goes_through()
    {
        var (visitor, _) = await VisitorAtCheckout(); // the first page with a form gives this browser its antiforgery cookie
        var first = await visitor.GetAsync("/checkout");
        var second = await visitor.GetAsync("/checkout");

        // FormTokens (issue 16): the token issued for this cookie, not a new Data Protection seal per view.
        Assert.Equal(Antiforgery(first), Antiforgery(second));
        var confirmation = await visitor.SubmitAsync(first, "#checkout-form", CheckoutValues());
        Assert.Matches("^FS-[0-9A-Z]{4}-[0-9A-Z]{4}$", Text(confirmation, "#order-number"));
    }

    [Fact]
    public async Task The_happy_path_ends_on_the_confirmation_and_in_my_orders()
    {
        var (visitor, form) = await VisitorAtCheckout();
        Assert.Equal($"R${Nbsp}1.809,80", Text(form, ".cart-totals #total"));

        var confirmation = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues());

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        var number = Text(confirmation, "#order-number");
        Assert.Equal($"/orders/{number}?placed=1", PathOf(visitor));
        Assert.Matches("^FS-[0-9A-Z]{4}-[0-9A-Z]{4}$", number);
        Assert.Equal("Obrigado! Seu pedido foi realizado.", Text(confirmation, "#order-confirmation h1"));
        Assert.Equal($"R${Nbsp}1.809,80", Text(confirmation, "#order-total"));
        Assert.Equal("1111", Text(confirmation, "#card-last4"));
        Assert.Equal(0, CartCount(confirmation));
        Assert.Equal(23, await Stock("webcam-4k-ultra"));

        var orders = await visitor.GetAsync("/orders");
        var row = orders.QuerySelector($"tr.order-row[data-number='{number}']")!;
        Assert.Single(orders.QuerySelectorAll("tr.order-row"));
        Assert.Equal("Paid", row.QuerySelector(".order-status")!.GetAttribute("data-status")); // issue 12
        Assert.Equal("Pago", Text(row, ".order-status"));
        Assert.Contains($"R${Nbsp}1.809,80", row.TextContent, StringComparison.Ordinal);

        var details = await visitor.GetAsync($"/orders/{number}");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Null(details.QuerySelector("#order-confirmation"));
        var line = Assert.Single(details.QuerySelectorAll("#order-lines tbody tr"));
        Assert.Equal(["Webcam 4K Ultra", $"R${Nbsp}899,90", "2", $"R${Nbsp}1.799,80"], line.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Validation_errors_sit_next_to_their_fields_and_card_data_is_never_echoed()
    {
        var (visitor, form) = await VisitorAtCheckout();
        var values = CheckoutValues(card: "4111 1111 1111 1112", cvv: "12");
        values["Input.FirstName"] = "";
        values["Input.Email"] = "ana@@example";
        values["Input.City"] = "Campinas <b>SP</b>";

        var page = await visitor.SubmitAsync(form, "#checkout-form", values);

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal("/checkout", PathOf(visitor));
        Assert.Equal("Corrija os campos indicados abaixo.", Text(page, "#validation-summary"));
        Assert.Equal("Informe o seu nome.", Text(page, "#Input_FirstName-error"));
        Assert.Equal("Informe um e-mail válido.", Text(page, "#Input_Email-error"));
        Assert.Equal("Informe um número de cartão válido.", Text(page, "#Input_CardNumber-error"));
        Assert.Equal("Informe o código de segurança de 3 ou 4 dígitos.", Text(page, "#Input_Cvv-error"));
        Assert.Equal("true", page.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#Input_LastName-error"));

        // What was typed stays, except the card number and CVV.
        Assert.Equal("ana@@example", Value(page, "Input_Email"));
        Assert.Equal("Souza", Value(page, "Input_LastName"));
        Assert.Equal("Campinas <b>SP</b>", Value(page, "Input_City"));
        Assert.Equal("ANA SOUZA", Value(page, "Input_CardHolder"));
        Assert.Equal(values["Input.CardExpiry"], Value(page, "Input_CardExpiry"));
        Assert.Equal("", Value(page, "Input_CardNumber"));
        Assert.Equal("", Value(page, "Input_Cvv"));
        var body = await BodyAsync(visitor);
        Assert.DoesNotContain("4111 1111 1111 1112", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>SP</b>", body, StringComparison.Ordinal);
        Assert.Equal(0, await OrderCount());

        // Corrected, the same form goes through.
        var fixedValues = CheckoutValues();
        var placed = await visitor.SubmitAsync(page, "#checkout-form", fixedValues);
        Assert.NotNull(placed.QuerySelector("#order-number"));
    }

    [Fact]
    public async Task A_declined_card_places_nothing_and_keeps_the_cart()
    {
        var (visitor, form) = await VisitorAtCheckout();

        var page = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues(card: "4000 0000 0000 0002"));

        Assert.Equal("/checkout", PathOf(visitor));
        Assert.Equal("Seu cartão foi recusado. Nenhum pedido foi feito; use outro cartão.", Text(page, "#checkout-error"));
        Assert.Equal("", Value(page, "Input_CardNumber"));
        Assert.Equal("", Value(page, "Input_Cvv"));
        Assert.Equal("Ana", Value(page, "Input_FirstName"));
        Assert.Equal(2, CartCount(page));
        Assert.Equal(25, await Stock("webcam-4k-ultra"));
        Assert.NotNull((await visitor.GetAsync("/orders")).QuerySelector("#no-orders"));

        // Another card on the re-shown form works.
        var placed = await visitor.SubmitAsync(page, "#checkout-form", CheckoutValues());
        Assert.NotNull(placed.QuerySelector("#order-number"));
        Assert.Equal(23, await Stock("webcam-4k-ultra"));
    }

    [Fact]
    public async Task A_technical_payment_failure_places_nothing()
    {
        var (visitor, form) = await VisitorAtCheckout();

        var page = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues(card: "4000 0000 0000 0119"));

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.NotNull(page.QuerySelector("#checkout-error"));
        Assert.Equal(0, await OrderCount());
        Assert.Equal(2, CartCount(page));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_gives_one_order()
    {
        var (visitor, form) = await VisitorAtCheckout();

        var first = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues());
        var second = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues());

        Assert.Equal(Text(first, "#order-number"), Text(second, "#order-number"));
        Assert.Equal(1, await OrderCount());
        Assert.Equal(23, await Stock("webcam-4k-ultra"));
        Assert.Single((await visitor.GetAsync("/orders")).QuerySelectorAll("tr.order-row"));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_at_once_gives_one_order()
    {
        var (visitor, form) = await VisitorAtCheckout();
        var fields = HtmlClient.FormFields(form.QuerySelector<IHtmlFormElement>("#checkout-form")!)
            .Where(f => !f.Key.StartsWith("Input.", StringComparison.Ordinal)).Concat(CheckoutValues()).ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => visitor.Http.PostAsync("/checkout", new FormUrlEncodedContent(fields))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.RequestMessage!.RequestUri!.AbsolutePath).Distinct());
        Assert.StartsWith("/orders/FS-", responses[0].RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(1, await OrderCount());
    }

    [Fact]
    public async Task Another_visitor_cannot_see_an_order_nor_touch_a_cart()
    {
        var (alice, form) = await VisitorAtCheckout();
        var number = Text(await alice.SubmitAsync(form, "#checkout-form", CheckoutValues()), "#order-number");
        await AddFromProductPage(alice, "ring-light-18", "3");
        var aliceCart = await alice.GetAsync("/cart");
        var aliceLine = aliceCart.QuerySelector("tr.cart-line")!.GetAttribute("data-line-id")!;

        var bob = NewVisitor();
        await AddFromProductPage(bob, "caixa-som-portatil", "1"); // Bob has a cart and a visitor id too
        var token = Antiforgery(await bob.GetAsync("/cart"));

        var peek = await bob.GetAsync($"/orders/{number}");
        Assert.Equal(HttpStatusCode.NotFound, bob.Status);
        Assert.DoesNotContain("Ana", Text(peek, "main"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, (await bob.GetAsync("/orders")).Body!.TextContent, StringComparison.Ordinal);

        await bob.PostAsync("/cart?handler=Update", [new("lineId", aliceLine), new("quantity", "1"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, bob.Status);
        await bob.PostAsync("/cart?handler=Remove", [new("lineId", aliceLine), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, bob.Status);

        var after = await alice.GetAsync("/cart");
        Assert.Equal(3, CartCount(after));
        Assert.Equal("3", after.QuerySelector<IHtmlInputElement>($"tr[data-line-id='{aliceLine}'] input.qty-input")!.Value);
        Assert.Equal(1, CartCount(await bob.GetAsync("/cart")));
    }

    [Fact]
    public async Task A_stale_form_after_the_stock_ran_out_says_sold_out_and_keeps_the_cart()
    {
        var (visitor, form) = await VisitorAtCheckout("camera-dslr-pro", "2");
        await App.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Products.Where(p => p.Slug == "camera-dslr-pro"), s => s.SetProperty(p => p.Stock, 1)));

        var page = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues());

        Assert.Equal(HttpStatusCode.Conflict, visitor.Status);
        Assert.StartsWith("Esgotado: Câmera DSLR Pro 24 MP.", Text(page, "#checkout-error"), StringComparison.Ordinal);
        Assert.Equal(2, CartCount(page));
        Assert.Equal(0, await OrderCount());
    }

    [Fact]
    public async Task Checkout_without_a_visitor_cookie_goes_back_to_the_cart()
    {
        var visitor = NewVisitor();
        var token = await AddToCartEndpointTests.AntiforgeryFromLoginPage(visitor);
        var fields = CheckoutValues().Append(new("__RequestVerificationToken", token)).Append(new("Token", Guid.NewGuid().ToString()));

        var page = await visitor.PostAsync("/checkout", fields);

        Assert.Equal("/cart", PathOf(visitor));
        Assert.Equal("Sua sessão expirou. Adicione os produtos ao carrinho novamente.", Text(page, "#flash-error"));
        Assert.Equal(0, await OrderCount());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task A_tampered_checkout_token_is_refused_with_a_fresh_form_that_gives_one_order(string token)
    {
        var (visitor, form) = await VisitorAtCheckout();
        var values = CheckoutValues();
        values["Token"] = token;

        var page = await visitor.SubmitAsync(form, "#checkout-form", values);

        // Issue 12: a missing or garbage token used to be replaced by a new one on the server, so two such posts
        // raced for the same cart and one got a 500. Now it is refused, saying why, with a fresh form.
        Assert.Equal(HttpStatusCode.BadRequest, visitor.Status);
        Assert.Equal("O formulário expirou. Revise o pedido e tente novamente.", Text(page, "#checkout-error"));
        Assert.Equal(0, await OrderCount());
        Assert.Equal(2, CartCount(page));

        var placed = await visitor.SubmitAsync(page, "#checkout-form", CheckoutValues());
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.NotNull(placed.QuerySelector("#order-number"));
        Assert.Equal(1, await OrderCount());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Simultaneous_posts_with_a_missing_or_garbage_token_are_refused_never_a_500(string? token)
    {
        var (visitor, form) = await VisitorAtCheckout();
        var values = CheckoutValues();
        values["Token"] = token ?? string.Empty;
        var fields = FieldsOf(form, values);
        if (token is null)
        {
            fields.RemoveAll(f => f.Key == "Token");
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => visitor.Http.PostAsync("/checkout", new FormUrlEncodedContent(fields))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.All(await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())),
            body => Assert.Contains("expirou. Revise o pedido e tente novamente.", body, StringComparison.Ordinal));
        Assert.Equal(0, await OrderCount());
        Assert.Equal(25, await Stock("webcam-4k-ultra"));
    }

    [Fact]
    public async Task Two_tabs_checking_out_the_same_cart_at_once_give_one_order_and_a_clear_conflict()
    {
        var (visitor, first) = await VisitorAtCheckout();
        var second = await visitor.GetAsync("/checkout"); // another tab: another form, another token

        var responses = await Task.WhenAll(
            visitor.Http.PostAsync("/checkout", new FormUrlEncodedContent(FieldsOf(first, CheckoutValues()))),
            visitor.Http.PostAsync("/checkout", new FormUrlEncodedContent(FieldsOf(second, CheckoutValues()))));

        // One places the order (and lands on it); the other finds the cart gone: 409 with a sentence, or, when it
        // started after the first had finished, the empty-cart redirect. Never a 500.
        Assert.Single(responses, r => r.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/orders/FS-", StringComparison.Ordinal));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, await OrderCount());
        Assert.Equal(23, await Stock("webcam-4k-ultra"));
    }

    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlDocument page, Dictionary<string, string> values)
    {
        var fields = HtmlClient.FormFields(page.QuerySelector<IHtmlFormElement>("#checkout-form")!);
        fields.RemoveAll(f => values.ContainsKey(f.Key));
        fields.AddRange(values);
        return fields;
    }

    [Fact]
    public async Task Markup_typed_into_the_checkout_form_is_stored_and_shown_as_text()
    {
        const string Script = "<script>alert(1)</script>";
        var (visitor, form) = await VisitorAtCheckout();
        var values = CheckoutValues();
        foreach (var field in new[] { "Input.FirstName", "Input.LastName", "Input.Street", "Input.Complement", "Input.District", "Input.City", "Input.CardHolder" })
        {
            values[field] = Script;
        }

        var confirmation = await visitor.SubmitAsync(form, "#checkout-form", values);
        var body = await BodyAsync(visitor);

        Assert.NotNull(confirmation.QuerySelector("#order-number"));
        Assert.Contains($"{Script} {Script}", Text(confirmation, "address"), StringComparison.Ordinal); // first and last name
        Assert.DoesNotContain(Script, body, StringComparison.Ordinal);
        Assert.Empty(confirmation.QuerySelectorAll("script:not([src])"));
        await visitor.GetAsync("/orders");
        Assert.DoesNotContain(Script, await BodyAsync(visitor), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_change_after_the_form_was_shown_is_confirmed_before_paying()
    {
        var (visitor, form) = await VisitorAtCheckout("webcam-4k-ultra", "1");
        await App.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Products.Where(p => p.Slug == "webcam-4k-ultra"), s => s.SetProperty(p => p.Price, FakeShop.Domain.Common.Money.Brl(949.90m))));

        var page = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues());

        Assert.Equal("/checkout", PathOf(visitor));
        Assert.Contains("Webcam 4K Ultra", Text(page, "#checkout-error"), StringComparison.Ordinal);
        Assert.Equal($"R${Nbsp}959,90", Text(page, ".cart-totals #total"));
        Assert.Equal(0, await OrderCount());

        var confirmation = await visitor.SubmitAsync(page, "#checkout-form", CheckoutValues());
        Assert.Equal($"R${Nbsp}959,90", Text(confirmation, "#order-total"));
    }

    [Fact]
    public async Task Checkout_is_refused_while_a_line_exceeds_the_stock()
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "camera-dslr-pro", "3");
        await App.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Products.Where(p => p.Slug == "camera-dslr-pro"), s => s.SetProperty(p => p.Stock, 2)));

        var page = await visitor.GetAsync("/checkout");

        Assert.Equal("/cart", PathOf(visitor));
        Assert.NotNull(page.QuerySelector("#cart-problems"));
        Assert.NotNull(page.QuerySelector(".line-stock"));
        Assert.Null(page.QuerySelector("#go-checkout"));
    }
}
