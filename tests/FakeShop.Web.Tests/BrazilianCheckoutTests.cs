using System.Net;
using AngleSharp.Html.Dom;
using FakeShop.Testing;

namespace FakeShop.Web.Tests;

/// <summary>Issue 13: the checkout asks for a Brazilian address and a CPF, and only the server's messages are shown.</summary>
public sealed class BrazilianCheckoutTests(WebFixture app) : WebTest(app)
{
    private async Task<(HtmlClient Visitor, IHtmlDocument Form)> VisitorAtCheckout()
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra");
        return (visitor, await visitor.GetAsync("/checkout"));
    }

    [Fact]
    public async Task The_form_asks_for_the_cep_first_offers_the_27_states_and_leaves_validation_to_the_server()
    {
        var (_, form) = await VisitorAtCheckout();
        var checkout = form.QuerySelector<IHtmlFormElement>("#checkout-form")!;

        // No browser bubble in the browser's own language: novalidate, and no pattern or required attribute at all.
        Assert.True(checkout.HasAttribute("novalidate"));
        Assert.Empty(checkout.QuerySelectorAll("[pattern], [required]"));

        var address = checkout.QuerySelectorAll("fieldset").Single(f => f.QuerySelector("#Input_Cep") is not null);
        Assert.Equal(
            ["Input.Cep", "Input.Street", "Input.Number", "Input.Complement", "Input.District", "Input.City", "Input.Uf"],
            address.QuerySelectorAll("input, select").Select(e => e.GetAttribute("name")));
        var states = form.QuerySelectorAll("#Input_Uf option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(28, states.Count); // "Selecione…" and the 27
        Assert.Equal("", states[0]);
        Assert.Contains("SP", states);
        Assert.Contains("DF", states);

        // The expected format is on the page, tied to its field for screen readers.
        Assert.Equal("Formato: 00000-000", Text(form, "#Input_Cep-hint"));
        Assert.Equal("Input_Cep-hint", form.QuerySelector("#Input_Cep")!.GetAttribute("aria-describedby"));
        Assert.Contains("000.000.000-00", Text(form, "#Input_Cpf-hint"), StringComparison.Ordinal);
        Assert.Contains("(11) 91234-5678", Text(form, "#Input_Phone-hint"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cep_cpf_state_number_and_district_are_checked_on_the_server_next_to_each_field()
    {
        var (visitor, form) = await VisitorAtCheckout();
        var values = CheckoutValues();
        values["Input.Cep"] = "1310-100";
        values["Input.Cpf"] = "123.456.789-00";
        values["Input.Uf"] = "XX";
        values["Input.Number"] = "";
        values["Input.District"] = " ";

        var page = await visitor.SubmitAsync(form, "#checkout-form", values);

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal(0, await OrderCount());
        Assert.Equal("Informe o CEP no formato 00000-000.", Text(page, "#Input_Cep-error"));
        Assert.Equal("Informe um CPF válido, ex.: 123.456.789-09.", Text(page, "#Input_Cpf-error"));
        Assert.Equal("Escolha o seu estado na lista.", Text(page, "#Input_Uf-error"));
        Assert.Equal("Informe o número, ou S/N se não houver.", Text(page, "#Input_Number-error"));
        Assert.Equal("Informe o bairro.", Text(page, "#Input_District-error"));
        foreach (var id in new[] { "Input_Cep", "Input_Cpf", "Input_Uf", "Input_Number", "Input_District" })
        {
            var field = page.QuerySelector("#" + id)!;
            Assert.Equal("true", field.GetAttribute("aria-invalid"));
            Assert.Contains(id + "-error", field.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        }

        // What was typed comes back, so only the wrong fields need retyping.
        Assert.Equal("1310-100", page.QuerySelector<IHtmlInputElement>("#Input_Cep")!.Value);
        Assert.Equal("Avenida Paulista", page.QuerySelector<IHtmlInputElement>("#Input_Street")!.Value);
    }

    /// <summary>
    /// The state options are written once per chosen state and reused (UfOptionsHtml, issue 16): the one chosen, in
    /// whatever case it was typed, comes back selected — and only it; a code that is no state selects nothing.
    /// </summary>
    [Theory]
    [InlineData("SP", "SP")]
    [InlineData("rj", "RJ")]
    [InlineData("XX", null)]
    public async Task The_chosen_state_comes_back_selected_when_the_form_is_shown_again(string typed, string? selected)
    {
        var (visitor, form) = await VisitorAtCheckout();
        Assert.Empty(form.QuerySelectorAll("#Input_Uf option[selected]"));
        var values = CheckoutValues();
        values["Input.Uf"] = typed;
        values["Input.FirstName"] = "";

        var page = await visitor.SubmitAsync(form, "#checkout-form", values);

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal(
            selected is null ? [] : [selected],
            page.QuerySelectorAll("#Input_Uf option[selected]").Select(o => o.GetAttribute("value")));
        Assert.Equal(selected ?? "", page.QuerySelector<IHtmlSelectElement>("#Input_Uf")!.Value);
        Assert.Equal(28, page.QuerySelectorAll("#Input_Uf option").Length);

        // Another visitor's fresh form right after still has nothing chosen.
        var (_, other) = await VisitorAtCheckout();
        Assert.Empty(other.QuerySelectorAll("#Input_Uf option[selected]"));
    }

    [Fact]
    public async Task The_customer_sees_the_address_as_the_correios_print_it_and_only_a_masked_cpf()
    {
        var (visitor, form) = await VisitorAtCheckout();

        var confirmation = await visitor.SubmitAsync(form, "#checkout-form", CheckoutValues());

        Assert.NotNull(confirmation.QuerySelector("#order-number"));
        var address = Text(confirmation, "#address");
        Assert.Contains("Avenida Paulista, 1000 - Apto 42", address, StringComparison.Ordinal);
        Assert.Contains("Bela Vista", address, StringComparison.Ordinal);
        Assert.Contains("São Paulo - SP", address, StringComparison.Ordinal);
        Assert.Contains("CEP 01310-100", address, StringComparison.Ordinal);
        Assert.Equal("***.456.789-**", Text(confirmation, "#cpf"));
        var body = await BodyAsync(visitor);
        Assert.DoesNotContain("123.456.789-09", body, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678909", body, StringComparison.Ordinal);
    }
}
