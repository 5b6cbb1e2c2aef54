using System.Net;
using AngleSharp.Html.Dom;

namespace FakeShop.Web.Tests;

/// <summary>Issue 3 through the pages: adding, changing, removing and emptying, with the badge in the navigation.</summary>
public sealed class CartPageTests(WebFixture app) : WebTest(app)
{
    [Fact]
    public async Task Adding_from_the_product_page_fills_the_cart_and_the_badge()
    {
        var visitor = NewVisitor();
        var page = await AddFromProductPage(visitor, "webcam-4k-ultra", "2");

        Assert.Equal("/product/webcam-4k-ultra", PathOf(visitor));
        // Issue 13: the message names the product and offers the next steps.
        Assert.Equal("Webcam 4K Ultra foi adicionado ao carrinho. Ver carrinho · Finalizar compra", Text(page, "#flash"));
        Assert.Equal("/cart", page.QuerySelector("#flash-view-cart")!.GetAttribute("href"));
        Assert.Equal("/checkout", page.QuerySelector("#flash-checkout")!.GetAttribute("href"));
        Assert.Equal(2, CartCount(page));

        var cart = await visitor.GetAsync("/cart");
        var line = cart.QuerySelector("tr.cart-line")!;
        Assert.Equal("Webcam 4K Ultra", Text(line, ".line-name"));
        Assert.Equal("2", line.QuerySelector<IHtmlInputElement>("input.qty-input")!.Value);
        Assert.Equal($"R${Nbsp}1.799,80", Text(line, ".line-total"));
        Assert.Equal($"R${Nbsp}1.799,80", Text(cart, "#subtotal"));
        Assert.Equal($"R${Nbsp}10,00", Text(cart, "#shipping"));
        Assert.Equal($"R${Nbsp}1.809,80", Text(cart, "#total"));
        Assert.NotNull(cart.QuerySelector("#go-checkout"));
    }

    [Fact]
    public async Task The_cart_page_costs_at_most_three_sql_statements()
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "2");
        await AddFromProductPage(visitor, "notebook-creator-16", "1");
        await visitor.GetAsync("/cart"); // warm up: key ring and the like are read once per process

        using var counter = new FakeShop.Testing.SqlCommandCounter();
        var cart = await visitor.GetAsync("/cart");

        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.Equal(2, cart.QuerySelectorAll("tr.cart-line").Length);
        Assert.Equal(3, CartCount(cart));
        Assert.True(counter.Count <= 3, $"{counter.Count} statements: {string.Join(" | ", counter.Commands)}");
    }

    [Fact]
    public async Task The_cart_page_reuses_the_visitors_form_token_and_its_forms_still_post()
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "1");
        await visitor.GetAsync("/cart"); // the first page with a form gives this browser its antiforgery cookie
        var first = await visitor.GetAsync("/cart");
        var second = await visitor.GetAsync("/cart");
        Assert.True(visitor.LastResponse!.Headers.CacheControl!.NoStore);
        Assert.Contains("no-cache", visitor.LastResponse.Headers.Pragma.ToString(), StringComparison.Ordinal);

        // FormTokens: the token issued for this browser's antiforgery cookie, not a new seal per view (issue 16).
        Assert.Equal(Antiforgery(first), Antiforgery(second));
        var updated = await visitor.SubmitAsync(second, "form.update-line", new Dictionary<string, string> { ["quantity"] = "2" });
        Assert.Equal("Carrinho atualizado.", Text(updated, "#flash"));
        Assert.Equal(2, CartCount(updated));

        // Another browser gets its own token, and this browser's token does not post from there.
        var other = NewVisitor();
        await AddFromProductPage(other, "webcam-4k-ultra", "1");
        var theirs = await other.GetAsync("/cart");
        Assert.NotEqual(Antiforgery(second), Antiforgery(theirs));
        var lineId = theirs.QuerySelector("tr.cart-line")!.GetAttribute("data-line-id")!;
        await other.PostAsync("/cart?handler=Update", [new("__RequestVerificationToken", Antiforgery(second)), new("lineId", lineId), new("quantity", "5")]);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
    }

    [Fact]
    public async Task Adding_from_a_listing_card_returns_to_the_listing()
    {
        var visitor = NewVisitor();
        var listing = await visitor.GetAsync("/shop?category=audio&sort=price-asc");
        var id = await ProductId("caixa-som-portatil");

        var back = await visitor.SubmitAsync(listing, $"article[data-product-id='{id}'] form.add-to-cart");

        Assert.Equal("/shop?category=audio&sort=price-asc", PathOf(visitor));
        Assert.Equal(1, CartCount(back));
        var again = await visitor.SubmitAsync(back, $"article[data-product-id='{id}'] form.add-to-cart");
        Assert.Equal(2, CartCount(again));

        var cart = await visitor.GetAsync("/cart");
        Assert.Single(cart.QuerySelectorAll("tr.cart-line"));
        Assert.Equal("2", cart.QuerySelector<IHtmlInputElement>("tr.cart-line input.qty-input")!.Value);
    }

    [Fact]
    public async Task Changing_removing_and_emptying()
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "1");
        await AddFromProductPage(visitor, "ring-light-18", "1");
        var cart = await visitor.GetAsync("/cart");
        var webcamId = await ProductId("webcam-4k-ultra");

        var updated = await visitor.SubmitAsync(cart, $"tr[data-product-id='{webcamId}'] form.update-line", new Dictionary<string, string> { ["quantity"] = "3" });
        Assert.Equal("/cart", PathOf(visitor));
        Assert.Equal("Carrinho atualizado.", Text(updated, "#flash"));
        Assert.Equal(4, CartCount(updated));
        Assert.Equal($"R${Nbsp}2.699,70", Text(updated, $"tr[data-product-id='{webcamId}'] .line-total"));

        var tooMany = await visitor.SubmitAsync(updated, $"tr[data-product-id='{webcamId}'] form.update-line", new Dictionary<string, string> { ["quantity"] = "26" });
        Assert.Equal("Não há estoque suficiente para essa quantidade.", Text(tooMany, "#flash-error"));
        Assert.Equal(4, CartCount(tooMany));

        foreach (var bad in new[] { "0", "-1", "1000000000", "abc" })
        {
            var rejected = await visitor.SubmitAsync(tooMany, $"tr[data-product-id='{webcamId}'] form.update-line", new Dictionary<string, string> { ["quantity"] = bad });
            Assert.Equal(HttpStatusCode.OK, visitor.Status);
            Assert.Equal("A quantidade deve estar entre 1 e 99.", Text(rejected, "#flash-error"));
            Assert.Equal(4, CartCount(rejected));
        }

        var removed = await visitor.SubmitAsync(updated, $"tr[data-product-id='{webcamId}'] form.remove-line");
        Assert.Equal(1, CartCount(removed));
        Assert.Equal(["Ring Light 18\""], removed.QuerySelectorAll("tr.cart-line .line-name").Select(n => n.TextContent.Trim()));

        // Issue 13: "Empty cart" asks first; the removed page has no emptying form, only the link to the confirm step.
        Assert.Null(removed.QuerySelector("#clear-cart"));
        Assert.Equal("/cart?confirm=clear#confirm-clear", removed.QuerySelector("#ask-clear-cart")!.GetAttribute("href"));
        var asked = await visitor.GetAsync("/cart?confirm=clear");
        Assert.Equal(1, CartCount(asked));
        var emptied = await visitor.SubmitAsync(asked, "#clear-cart");
        Assert.NotNull(emptied.QuerySelector("#empty-cart"));
        Assert.Equal(0, CartCount(emptied));
    }

    [Fact]
    public async Task A_price_change_is_pointed_out_once()
    {
        var visitor = NewVisitor();
        await AddFromProductPage(visitor, "webcam-4k-ultra", "1");
        await App.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Products.Where(p => p.Slug == "webcam-4k-ultra"), s => s.SetProperty(p => p.Price, FakeShop.Domain.Common.Money.Brl(850m))));

        var first = await visitor.GetAsync("/cart");
        Assert.NotNull(first.QuerySelector("#price-changed"));
        Assert.Contains($"R${Nbsp}899,90", Text(first, ".line-price-changed"), StringComparison.Ordinal);
        Assert.Equal($"R${Nbsp}860,00", Text(first, "#total"));

        var second = await visitor.GetAsync("/cart");
        Assert.Null(second.QuerySelector("#price-changed"));
        Assert.Equal($"R${Nbsp}860,00", Text(second, "#total"));
    }
}
