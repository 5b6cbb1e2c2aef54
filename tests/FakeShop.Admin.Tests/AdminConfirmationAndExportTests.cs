using System.Net;
using System.Text;
using FakeShop.Domain.Ordering;
using FakeShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Admin.Tests;

/// <summary>Issue 13: destructive actions ask first (without script), the CSV speaks the admin's language, the admin has its own frame.</summary>
public sealed class AdminConfirmationAndExportTests(AdminFixture app) : AdminTest(app)
{
    [Fact]
    public async Task Csv_headers_and_statuses_follow_the_admins_language()
    {
        var product = await AnyProductAsync();
        var paid = await PlaceOrderAsync(product.Id, 1, "paid@example.com");
        var cancelled = await PlaceOrderAsync(product.Id, 1, "gone@example.com");
        await App.Factory.WithDbAsync(async db =>
        {
            (await db.Orders.SingleAsync(o => o.Number == cancelled.Number)).ChangeStatusByStaff(OrderStatus.Cancelled, "test", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        var client = await AdminInAsync("pt-BR");
        var href = (await client.GetAsync("/Admin/Orders")).QuerySelector("#export-csv")!.GetAttribute("href")!;
        var response = await client.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Pedido;Feito em (horário de Brasília);Situação;Nome;Sobrenome;E-mail;Telefone;Cidade;Estado;Itens;Subtotal;Frete;Total", lines[0]);
        Assert.Contains(";Pago;", lines.Single(l => l.StartsWith(paid.Number, StringComparison.Ordinal)));
        Assert.Contains(";Cancelado;", lines.Single(l => l.StartsWith(cancelled.Number, StringComparison.Ordinal)));
        Assert.DoesNotContain(lines.Skip(1), l => l.Contains(";Paid;", StringComparison.Ordinal) || l.Contains(";Cancelled;", StringComparison.Ordinal));

        // The same export for an English admin stays English.
        var english = await AdminAsync();
        var englishLines = Encoding.UTF8.GetString((await english.Http.GetByteArrayAsync(href))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Order;Placed at (Brasília);Status;", englishLines[0]);
        Assert.Contains(";Cancelled;", englishLines.Single(l => l.StartsWith(cancelled.Number, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cancelling_an_order_asks_first_and_keeping_it_changes_nothing()
    {
        var product = await AnyProductAsync();
        var order = await PlaceOrderAsync(product.Id, 2);
        var client = await AdminInAsync("pt-BR");

        var page = await client.GetAsync($"/Admin/Orders/{order.Number}");
        Assert.Null(page.QuerySelector("#confirm-cancel"));
        var ask = page.QuerySelector("#to-cancelled")!;
        Assert.Equal("a", ask.LocalName); // a link to the confirm step, not a form that cancels
        var confirm = await client.GetAsync(ask.GetAttribute("href")!);
        Assert.Equal($"Cancelar o pedido {order.Number}?", Text(confirm, "#confirm-cancel-heading"));
        Assert.Equal(OrderStatus.Paid, (await OrderAsync(order.Number)).Status);

        var kept = await client.GetAsync(confirm.QuerySelector("#keep-order")!.GetAttribute("href")!);
        Assert.Null(kept.QuerySelector("#confirm-cancel"));
        Assert.Equal(OrderStatus.Paid, (await OrderAsync(order.Number)).Status);

        var done = await client.SubmitAsync(confirm, "#confirm-cancel form");
        Assert.Equal("O pedido agora está: Cancelado.", Text(done, "#flash"));
        Assert.Equal(OrderStatus.Cancelled, (await OrderAsync(order.Number)).Status);

        // A cancelled order offers no confirm step any more, even when asked for one.
        Assert.Null((await client.GetAsync($"/Admin/Orders/{order.Number}?confirm=cancel")).QuerySelector("#confirm-cancel"));
    }

    [Fact]
    public async Task An_empty_admin_list_says_so_and_offers_a_way_on()
    {
        var client = await AdminInAsync("pt-BR");

        var products = await client.GetAsync("/Admin/Products?q=nada-assim-existe");
        Assert.Equal("Nenhum produto corresponde a estes filtros. Mostrar todos os produtos · Novo produto", Text(products, "#no-products"));
        Assert.Equal(["/Admin/Products", "/Admin/Products/Create"], products.QuerySelectorAll("#no-products a").Select(a => a.GetAttribute("href")));

        var orders = await client.GetAsync("/Admin/Orders?q=ninguem@example.invalid");
        Assert.Equal(["/Admin/Orders", "/Admin"], orders.QuerySelectorAll("#no-orders a").Select(a => a.GetAttribute("href")));
        Assert.StartsWith("Nenhum pedido corresponde a estes filtros.", Text(orders, "#no-orders"), StringComparison.Ordinal);

        // A list with rows has no such note.
        Assert.Null((await client.GetAsync("/Admin/Products")).QuerySelector("#no-products"));
    }

    [Fact]
    public async Task The_admin_has_its_own_frame_without_the_shops_header()
    {
        var client = await AdminInAsync("pt-BR");
        foreach (var path in new[] { "/Admin", "/Admin/Products", "/Admin/Products/Create", "/Admin/Categories", "/Admin/Orders" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, client.Status);
            var nav = page.QuerySelector("#admin-nav")!;
            Assert.Equal(["Painel", "Produtos", "Categorias", "Pedidos"], nav.QuerySelectorAll("a.nav-link").Select(a => a.TextContent.Trim()));
            Assert.Single(nav.QuerySelectorAll("a[aria-current=page]"));
            Assert.Equal("/", page.QuerySelector("#admin-to-shop")!.GetAttribute("href"));
            Assert.NotNull(page.QuerySelector("#nav-logout-form"));
            // None of the shop's header: no catalogue search, no category menu, no cart badge.
            Assert.Null(page.QuerySelector("#nav-search"));
            Assert.Null(page.QuerySelector("#mainNav"));
            Assert.Null(page.QuerySelector("#cart-link"));
            var styles = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
            Assert.True(styles.Any(h => h.StartsWith("/css/admin.", StringComparison.Ordinal)), string.Join(", ", styles));
            Assert.Empty(page.QuerySelectorAll("[style]"));
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
        }
    }

    [Fact]
    public async Task The_dashboard_chart_has_a_legend_and_its_scale_labels_inside_the_drawing()
    {
        var product = await AnyProductAsync(minStock: 10);
        await PlaceOrderAsync(product.Id, 3);
        var client = await AdminInAsync("pt-BR");
        var page = await client.GetAsync("/Admin");

        var legend = page.QuerySelectorAll("#chart-legend li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, legend.Count);
        Assert.StartsWith("Pedidos por dia (barras", legend[0]);
        Assert.StartsWith("Faturamento por dia (linha", legend[1]);
        // The scale's labels are anchored inside the chart's edges (start at 0 %, end at 100 %), so none is cut.
        var revenue = page.QuerySelector("#sales-chart text.chart-max-revenue")!;
        Assert.Equal(("100%", "end"), (revenue.GetAttribute("x"), revenue.GetAttribute("text-anchor")));
        Assert.StartsWith("R$", revenue.TextContent);
        var orders = page.QuerySelector("#sales-chart text.chart-max-orders")!;
        Assert.Equal(("0%", "start"), (orders.GetAttribute("x"), orders.GetAttribute("text-anchor")));
        Assert.All(page.QuerySelectorAll("#sales-chart text.chart-day"), t =>
        {
            var x = double.Parse(t.GetAttribute("x")!.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(x, 0, 100);
        });
        // The newest day is always named.
        var lastDay = DateOnly.ParseExact(page.QuerySelectorAll("#sales-chart rect.chart-bar")[^1].GetAttribute("data-day")!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lastDay.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture), page.QuerySelectorAll("#sales-chart text.chart-day")[^1].TextContent);
    }
}
