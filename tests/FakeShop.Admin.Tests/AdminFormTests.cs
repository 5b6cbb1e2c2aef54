using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using FakeShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Admin.Tests;

/// <summary>Issue 13, the admin's forms: prices in the admin's culture, the picture posted with the fields, errors on their fields.</summary>
public sealed class AdminFormTests(AdminFixture app) : AdminTest(app)
{
    private Task<int> CategoryIdAsync(string slug) =>
        App.Factory.WithDbAsync(db => db.Categories.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    [Theory]
    [InlineData("pt-BR", "1.299,90", "Produto salvo.")]
    [InlineData("en", "1,299.90", "Product saved.")]
    public async Task A_price_round_trips_through_the_edit_form_in_the_admins_culture(string culture, string shown, string saved)
    {
        var client = await AdminInAsync(culture);
        var product = await ProductAsync("webcam-4k-ultra");
        var form = await client.GetAsync($"/Admin/Products/Edit/{product.Id}");
        var page = await client.SubmitAsync(form, "#product-form", new Dictionary<string, string> { ["Input.Price"] = shown });
        Assert.Equal(saved, Text(page, "#flash"));
        Assert.Equal(1299.90m, (await ProductAsync("webcam-4k-ultra")).Price.Amount);

        // The form shows it grouped, as the admin typed it; saving it untouched changes nothing.
        Assert.Equal(shown, page.QuerySelector<IHtmlInputElement>("#Input_Price")!.Value);
        Assert.Equal(culture == "en" ? "For example 1,299.90" : "Por exemplo 1.299,90", Text(page, "#price-help"));
        var again = await client.SubmitAsync(page, "#product-form");
        Assert.Equal(saved, Text(again, "#flash"));
        Assert.Equal(1299.90m, (await ProductAsync("webcam-4k-ultra")).Price.Amount);
    }

    [Theory]
    [InlineData("pt-BR", "Informe um valor válido para este campo.")]
    [InlineData("en", "Enter a valid value for this field.")]
    public async Task A_letter_in_the_stock_field_gets_a_message_in_the_admins_language_and_stays_typed(string culture, string message)
    {
        var client = await AdminInAsync(culture);
        var product = await ProductAsync("webcam-4k-ultra");
        var form = await client.GetAsync($"/Admin/Products/Edit/{product.Id}");
        var page = await client.SubmitAsync(form, "#product-form", new Dictionary<string, string> { ["Input.Stock"] = "dez" });

        // Not the framework's English "The value 'dez' is not valid for Stock.": the shop's sentence, on the field.
        Assert.Equal(message, Text(page, "#Input_Stock-error"));
        Assert.Equal("true", page.QuerySelector("#Input_Stock")!.GetAttribute("aria-invalid"));
        Assert.Equal("dez", page.QuerySelector<IHtmlInputElement>("#Input_Stock")!.Value);
        Assert.DoesNotContain("is not valid", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(product.Stock, (await ProductAsync("webcam-4k-ultra")).Stock);
    }

    [Fact]
    public async Task A_product_is_created_with_its_image_and_a_portuguese_price_in_one_post()
    {
        var client = await AdminInAsync("pt-BR");
        var (page, status) = await ImageTests.PostProductFormAsync(client, "/Admin/Products/Create", ImageTests.Png, "luz.png", "image/png", new Dictionary<string, string>
        {
            ["Input.Name"] = "Luz de Vídeo LED",
            ["Input.Price"] = "1.299,90",
            ["Input.Stock"] = "6",
            ["Input.CategoryId"] = (await CategoryIdAsync("streaming")).ToString(CultureInfo.InvariantCulture),
            ["Input.IsActive"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Produto criado com a imagem.", Text(page, "#flash"));
        var product = await ProductAsync("luz-de-video-led");
        Assert.Equal(1299.90m, product.Price.Amount);
        Assert.Equal(6, product.Stock);
        Assert.NotNull(product.ImageUrl);
        Assert.Equal(product.ImageUrl, page.QuerySelector("#product-image")!.GetAttribute("src"));
        Assert.Equal("1.299,90", page.QuerySelector<IHtmlInputElement>("#Input_Price")!.Value);
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_marks_the_field_and_asks_for_the_image_again()
    {
        var client = await AdminInAsync("pt-BR");
        var before = await App.Factory.WithDbAsync(db => db.Products.CountAsync());
        var (page, status) = await ImageTests.PostProductFormAsync(client, "/Admin/Products/Create", ImageTests.Png, "luz.png", "image/png", new Dictionary<string, string>
        {
            ["Input.Name"] = "Luz de Vídeo LED",
            ["Input.ShortDescription"] = "Painel bicolor.",
            ["Input.Price"] = "10,001",
            ["Input.Stock"] = "6",
            ["Input.CategoryId"] = (await CategoryIdAsync("streaming")).ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Luz de Vídeo LED", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("Painel bicolor.", page.QuerySelector<IHtmlInputElement>("#Input_ShortDescription")!.Value);
        Assert.Equal("10,001", page.QuerySelector<IHtmlInputElement>("#Input_Price")!.Value);
        Assert.Equal("6", page.QuerySelector<IHtmlInputElement>("#Input_Stock")!.Value);

        var price = page.QuerySelector("#Input_Price")!;
        Assert.Equal("true", price.GetAttribute("aria-invalid"));
        Assert.Contains("is-invalid", price.ClassList);
        Assert.Equal("price-help Input_Price-error", price.GetAttribute("aria-describedby"));
        Assert.Equal("Informe um preço como 1.299,90, com no máximo duas casas decimais.", Text(page, "#Input_Price-error"));
        Assert.Null(page.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));

        // The browser cannot be given the file back: the page says so under the image field.
        Assert.Equal("A imagem não foi salva: escolha o arquivo novamente.", Text(page, "#Input_Image-error"));
        Assert.Equal("true", page.QuerySelector("#Input_Image")!.GetAttribute("aria-invalid"));

        // The summary links each message to its field.
        Assert.Equal("#Input_Price", page.QuerySelector("#form-errors a[href='#Input_Price']")?.GetAttribute("href"));
        Assert.Equal(before, await App.Factory.WithDbAsync(db => db.Products.CountAsync()));
        Assert.Equal(0, await App.Factory.WithDbAsync(db => db.ProductImages.CountAsync()));
    }

    [Fact]
    public async Task A_bad_image_on_edit_keeps_the_typed_fields_and_saves_nothing()
    {
        var client = await AdminInAsync("en");
        var product = await ProductAsync("webcam-4k-ultra");
        var (page, status) = await ImageTests.PostProductFormAsync(client, $"/Admin/Products/Edit/{product.Id}", "not an image"u8.ToArray(), "cat.png", "image/png",
            new Dictionary<string, string> { ["Input.Name"] = "Webcam 4K Renamed", ["Input.Price"] = "1,499.00" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Webcam 4K Renamed", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("1,499.00", page.QuerySelector<IHtmlInputElement>("#Input_Price")!.Value);
        Assert.Equal("Only JPEG, PNG or WebP images are accepted.", Text(page, "#Input_Image-error"));
        Assert.Equal("image-help Input_Image-error", page.QuerySelector("#Input_Image")!.GetAttribute("aria-describedby"));
        var stored = await ProductAsync("webcam-4k-ultra");
        Assert.Equal((product.Name, product.Price.Amount, product.Version, product.ImageUrl), (stored.Name, stored.Price.Amount, stored.Version, stored.ImageUrl));
    }

    [Fact]
    public async Task Validation_messages_sit_on_their_fields()
    {
        var client = await AdminInAsync("en");
        var form = await client.GetAsync("/Admin/Products/Create");
        var page = await client.SubmitAsync(form, "#product-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Slug"] = "Not A Slug",
            ["Input.Price"] = "0",
            ["Input.Stock"] = "-1",
        });

        Assert.Equal(HttpStatusCode.BadRequest, client.Status);
        Assert.Equal("Enter a name.", Text(page, "#Input_Name-error"));
        Assert.Contains("slug", Text(page, "#Input_Slug-error"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Price must be greater than zero.", Text(page, "#Input_Price-error"));
        Assert.Equal("Stock must be between 0 and 1000000.", Text(page, "#Input_Stock-error"));
        foreach (var id in new[] { "Input_Name", "Input_Slug", "Input_Price", "Input_Stock" })
        {
            var field = page.QuerySelector("#" + id)!;
            Assert.Equal("true", field.GetAttribute("aria-invalid"));
            Assert.Contains("is-invalid", field.ClassList);
            Assert.Contains(id + "-error", field.GetAttribute("aria-describedby")!.Split(' '));
            Assert.NotNull(page.QuerySelector($"#form-errors a[href='#{id}']"));
        }
    }

    [Theory]
    [InlineData("en", "", "Enter how many units to add (or, with a minus sign, to remove).")]
    [InlineData("en", "abc", "Enter a whole number of units, such as 5 or -3.")]
    [InlineData("en", "2.5", "Enter a whole number of units, such as 5 or -3.")]
    [InlineData("en", "0", "Enter a number of units other than zero.")]
    [InlineData("pt-BR", "", "Informe quantas unidades adicionar (ou, com sinal de menos, remover).")]
    [InlineData("pt-BR", "-100000", "Ajuste no máximo 10000 unidades por vez.")]
    public async Task A_bad_stock_adjustment_gets_a_message_next_to_its_field(string culture, string typed, string message)
    {
        var client = await AdminInAsync(culture);
        var product = await ProductAsync("webcam-4k-ultra");
        var list = await client.GetAsync("/Admin/Products?q=webcam");
        var field = list.QuerySelector<IHtmlInputElement>($"#delta-{product.Id}")!;
        Assert.Equal(string.Empty, field.Value); // starts empty: no prefilled 10
        Assert.Equal(culture == "en" ? "Add/remove N units" : "Adicionar/remover N unidades", Text(list, $"label[for='delta-{product.Id}']"));
        Assert.Contains("adjust-help", field.GetAttribute("aria-describedby")!.Split(' '));
        // The explanation is plain text on the page, not hidden for sighted admins.
        Assert.DoesNotContain("visually-hidden", list.QuerySelector("#adjust-help")!.ClassList);

        var page = await client.SubmitAsync(list, $"tr[data-id='{product.Id}'] .adjust-form", new Dictionary<string, string> { ["delta"] = typed });

        Assert.Contains("q=webcam", page.Url);
        Assert.Equal(message, Text(page, $"#delta-{product.Id}-error"));
        var refused = page.QuerySelector<IHtmlInputElement>($"#delta-{product.Id}")!;
        Assert.Equal("true", refused.GetAttribute("aria-invalid"));
        Assert.Equal(typed, refused.Value);
        Assert.Contains($"delta-{product.Id}-error", refused.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal(product.Stock, (await ProductAsync("webcam-4k-ultra")).Stock);

        // The message belongs to that one submission: the next page is clean.
        var next = await client.GetAsync("/Admin/Products?q=webcam");
        Assert.Null(next.QuerySelector($"#delta-{product.Id}-error"));
    }
}
