using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FakeShop.Testing;

namespace FakeShop.Web.Tests;

/// <summary>
/// The checkout's fields are written by a C# helper (<c>FieldHtml</c>) instead of 15 partial views (issue 16). The
/// expected lines below are what the partial rendered (captured from it before the change, both languages, a form
/// sent back with errors): label, every attribute of the input in order, hint and error, so a missing aria
/// attribute, a lost value, an unescaped one or a label in the wrong language fails here.
/// </summary>
public sealed class CheckoutFieldsTests(WebFixture app) : WebTest(app)
{
    private static readonly string[] Portuguese =
    [
        "Input_FirstName | Nome | id=Input_FirstName name=Input.FirstName type=text class=form-control is-invalid maxlength=60 aria-required=true autocomplete=given-name aria-describedby=Input_FirstName-error aria-invalid=true | - | Informe o seu nome.",
        "Input_LastName | Sobrenome | id=Input_LastName name=Input.LastName type=text value=Souza class=form-control  maxlength=60 aria-required=true autocomplete=family-name | - | -",
        "Input_Email | E-mail | id=Input_Email name=Input.Email type=email value=ana@@example class=form-control is-invalid maxlength=254 aria-required=true autocomplete=email aria-describedby=Input_Email-error aria-invalid=true | - | Informe um e-mail válido.",
        "Input_Phone | Celular | id=Input_Phone name=Input.Phone type=tel value=(11) 91234-5678 class=form-control  maxlength=20 aria-required=true autocomplete=tel inputmode=tel aria-describedby=Input_Phone-hint | ex.: (11) 91234-5678 | -",
        "Input_Cpf | CPF | id=Input_Cpf name=Input.Cpf type=text value=123.456.789-09 class=form-control  maxlength=14 aria-required=true inputmode=numeric aria-describedby=Input_Cpf-hint | Formato: 000.000.000-00 (para a nota fiscal) | -",
        "Input_Cep | CEP | id=Input_Cep name=Input.Cep type=text class=form-control is-invalid maxlength=9 aria-required=true autocomplete=postal-code inputmode=numeric aria-describedby=Input_Cep-hint Input_Cep-error aria-invalid=true | Formato: 00000-000 | Informe o seu CEP.",
        "Input_Street | Rua ou avenida | id=Input_Street name=Input.Street type=text value=Avenida Paulista class=form-control  maxlength=120 aria-required=true autocomplete=address-line1 aria-describedby=Input_Street-hint | ex.: Avenida Paulista | -",
        "Input_Number | Número | id=Input_Number name=Input.Number type=text value=1000 class=form-control  maxlength=10 aria-required=true aria-describedby=Input_Number-hint | S/N se não houver | -",
        "Input_Complement | Complemento (opcional) | id=Input_Complement name=Input.Complement type=text value=Apto 1 <i> class=form-control  maxlength=120 autocomplete=address-line2 aria-describedby=Input_Complement-hint | ex.: Apto 42, Bloco B | -",
        "Input_District | Bairro | id=Input_District name=Input.District type=text value=Bela Vista class=form-control  maxlength=60 aria-required=true autocomplete=address-level3 | - | -",
        "Input_City | Cidade | id=Input_City name=Input.City type=text value=Campinas <b>SP</b> \"q\" &amp; ção class=form-control  maxlength=80 aria-required=true autocomplete=address-level2 | - | -",
        "Input_CardHolder | Nome no cartão | id=Input_CardHolder name=Input.CardHolder type=text value=ANA SOUZA class=form-control  maxlength=80 aria-required=true autocomplete=cc-name | - | -",
        "Input_CardNumber | Número do cartão | id=Input_CardNumber name=Input.CardNumber type=text class=form-control is-invalid maxlength=23 aria-required=true autocomplete=cc-number inputmode=numeric aria-describedby=Input_CardNumber-error aria-invalid=true | - | Informe um número de cartão válido.",
        "Input_CardExpiry | Validade (MM/AA) | id=Input_CardExpiry name=Input.CardExpiry type=text value=12/29 class=form-control  maxlength=7 aria-required=true autocomplete=cc-exp inputmode=numeric | - | -",
        "Input_Cvv | CVV | id=Input_Cvv name=Input.Cvv type=text class=form-control is-invalid maxlength=4 aria-required=true autocomplete=cc-csc inputmode=numeric aria-describedby=Input_Cvv-error aria-invalid=true | - | Informe o código de segurança de 3 ou 4 dígitos.",
    ];

    private static readonly string[] English =
    [
        "Input_FirstName | First name | id=Input_FirstName name=Input.FirstName type=text class=form-control is-invalid maxlength=60 aria-required=true autocomplete=given-name aria-describedby=Input_FirstName-error aria-invalid=true | - | Enter your first name.",
        "Input_LastName | Last name | id=Input_LastName name=Input.LastName type=text value=Souza class=form-control  maxlength=60 aria-required=true autocomplete=family-name | - | -",
        "Input_Email | E-mail | id=Input_Email name=Input.Email type=email value=ana@@example class=form-control is-invalid maxlength=254 aria-required=true autocomplete=email aria-describedby=Input_Email-error aria-invalid=true | - | Enter a valid e-mail address.",
        "Input_Phone | Mobile | id=Input_Phone name=Input.Phone type=tel value=(11) 91234-5678 class=form-control  maxlength=20 aria-required=true autocomplete=tel inputmode=tel aria-describedby=Input_Phone-hint | e.g. (11) 91234-5678 | -",
        "Input_Cpf | CPF | id=Input_Cpf name=Input.Cpf type=text value=123.456.789-09 class=form-control  maxlength=14 aria-required=true inputmode=numeric aria-describedby=Input_Cpf-hint | Format: 000.000.000-00 (for the invoice) | -",
        "Input_Cep | CEP | id=Input_Cep name=Input.Cep type=text class=form-control is-invalid maxlength=9 aria-required=true autocomplete=postal-code inputmode=numeric aria-describedby=Input_Cep-hint Input_Cep-error aria-invalid=true | Format: 00000-000 | Enter your CEP.",
        "Input_Street | Street | id=Input_Street name=Input.Street type=text value=Avenida Paulista class=form-control  maxlength=120 aria-required=true autocomplete=address-line1 aria-describedby=Input_Street-hint | e.g. Avenida Paulista | -",
        "Input_Number | Number | id=Input_Number name=Input.Number type=text value=1000 class=form-control  maxlength=10 aria-required=true aria-describedby=Input_Number-hint | S/N if there is none | -",
        "Input_Complement | Address line 2 (optional) | id=Input_Complement name=Input.Complement type=text value=Apto 1 <i> class=form-control  maxlength=120 autocomplete=address-line2 aria-describedby=Input_Complement-hint | e.g. Apto 42, Bloco B | -",
        "Input_District | District | id=Input_District name=Input.District type=text value=Bela Vista class=form-control  maxlength=60 aria-required=true autocomplete=address-level3 | - | -",
        "Input_City | City | id=Input_City name=Input.City type=text value=Campinas <b>SP</b> \"q\" &amp; ção class=form-control  maxlength=80 aria-required=true autocomplete=address-level2 | - | -",
        "Input_CardHolder | Name on card | id=Input_CardHolder name=Input.CardHolder type=text value=ANA SOUZA class=form-control  maxlength=80 aria-required=true autocomplete=cc-name | - | -",
        "Input_CardNumber | Card number | id=Input_CardNumber name=Input.CardNumber type=text class=form-control is-invalid maxlength=23 aria-required=true autocomplete=cc-number inputmode=numeric aria-describedby=Input_CardNumber-error aria-invalid=true | - | Enter a valid card number.",
        "Input_CardExpiry | Expiry (MM/YY) | id=Input_CardExpiry name=Input.CardExpiry type=text value=12/29 class=form-control  maxlength=7 aria-required=true autocomplete=cc-exp inputmode=numeric | - | -",
        "Input_Cvv | CVV | id=Input_Cvv name=Input.Cvv type=text class=form-control is-invalid maxlength=4 aria-required=true autocomplete=cc-csc inputmode=numeric aria-describedby=Input_Cvv-error aria-invalid=true | - | Enter the 3 or 4 digit security code.",
    ];

    /// <summary>The raw markup of the field with a hint and an error, as the partial wrote it (whitespace included).</summary>
    private const string CepMarkup =
        "<div class=\"col-12 col-md-4\">\n    <label for=\"Input_Cep\" class=\"form-label\">CEP</label>\n"
        + "    <input id=\"Input_Cep\" name=\"Input.Cep\" type=\"text\" class=\"form-control is-invalid\"\n"
        + "           maxlength=\"9\" aria-required=\"true\" autocomplete=\"postal-code\"\n"
        + "           inputmode=\"numeric\" aria-describedby=\"Input_Cep-hint Input_Cep-error\" aria-invalid=\"true\" />\n"
        + "        <div class=\"form-text\" id=\"Input_Cep-hint\">Formato: 00000-000</div>\n"
        + "        <div class=\"invalid-feedback field-error\" id=\"Input_Cep-error\">Informe o seu CEP.</div>\n</div>\n";

    [Theory]
    [InlineData("pt-BR")]
    [InlineData("en")]
    public async Task Every_field_keeps_its_label_attributes_hint_and_error_in_both_languages(string language)
    {
        var visitor = NewVisitor();
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", language);
        await AddFromProductPage(visitor, "webcam-4k-ultra", "2");
        var form = await visitor.GetAsync("/checkout");

        var values = CheckoutValues(card: "4111 1111 1111 1112", cvv: "12");
        values["Input.FirstName"] = "";
        values["Input.Email"] = "ana@@example";
        values["Input.City"] = "Campinas <b>SP</b> \"q\" &amp; ção";
        values["Input.Cep"] = "";
        values["Input.Complement"] = "Apto 1 <i>";
        values["Input.CardExpiry"] = "12/29";
        var page = await visitor.SubmitAsync(form, "#checkout-form", values);

        Assert.Equal(language == "en" ? English : Portuguese, Describe(page));
        var html = await BodyAsync(visitor);
        Assert.Contains("value=\"Campinas &lt;b&gt;SP&lt;/b&gt; &quot;q&quot; &amp;amp; ção\"", html, StringComparison.Ordinal);
        if (language == "pt-BR")
        {
            Assert.Contains(CepMarkup, html, StringComparison.Ordinal);
        }

        // A fresh form: no errors, no aria-invalid, and the card fields carry no value attribute at all.
        var fresh = await visitor.GetAsync("/checkout");
        Assert.Empty(fresh.QuerySelectorAll("#checkout-form [aria-invalid], #checkout-form .field-error"));
        Assert.Equal(15, fresh.QuerySelectorAll("#checkout-form input.form-control").Length);
        Assert.False(fresh.QuerySelector("#Input_CardNumber")!.HasAttribute("value"));
        Assert.False(fresh.QuerySelector("#Input_Cvv")!.HasAttribute("value"));
        Assert.Equal("Input_Cep-hint", fresh.QuerySelector("#Input_Cep")!.GetAttribute("aria-describedby"));
        Assert.Null(fresh.QuerySelector("#Input_FirstName")!.GetAttribute("aria-describedby"));
    }

    private static string[] Describe(IHtmlDocument page) =>
        page.QuerySelectorAll("#checkout-form input.form-control").Select(input =>
        {
            var id = input.Id!;
            var label = page.QuerySelector($"label[for='{id}']")?.TextContent ?? "(no label)";
            var attributes = string.Join(" ", input.Attributes.Select(a => $"{a.Name}={a.Value}"));
            return $"{id} | {label} | {attributes} | {TextOf(page, id + "-hint")} | {TextOf(page, id + "-error")}";
        }).ToArray();

    private static string TextOf(IHtmlDocument page, string id) => page.GetElementById(id)?.TextContent ?? "-";
}
