using System.Net;
using System.Text;
using FakeShop.Domain.Ordering;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Admin.Tests;

public sealed class OrderTests(AdminFixture app) : AdminTest(app)
{
    [Fact]
    public async Task Details_show_lines_totals_customer_address_card_and_history()
    {
        var product = await AnyProductAsync();
        var order = await PlaceOrderAsync(product.Id, 2);
        var client = await AdminAsync();
        var page = await client.GetAsync($"/Admin/Orders/{order.Number}");

        Assert.Contains(product.Name, Text(page, "#order-lines"));
        Assert.Contains("Ana Silva", Text(page, "#customer"));
        Assert.Contains("ana@example.com", Text(page, "#customer"));
        Assert.Contains("Rua das Flores, 10", Text(page, "#address"));
        Assert.Equal("Visa •••• 1111", Text(page, "#payment"));
        Assert.Contains("customer", Text(page, "#history"));
        // Issue 13: cancelling is a link to its confirm step, so the transitions are buttons and that one link.
        Assert.Equal(["shipped", "cancelled"], page.QuerySelectorAll("#transitions .btn").Select(b => b.Id!["to-".Length..]));
    }

    [Fact]
    public async Task Admin_marks_shipped_and_delivered_and_history_says_who()
    {
        var order = await PlaceOrderAsync((await AnyProductAsync()).Id);
        var client = await AdminAsync();
        var page = await client.GetAsync($"/Admin/Orders/{order.Number}");
        // Issue 12: the gateway's approval marks the order paid, so staff take it from Paid on.
        foreach (var (target, status) in new[] { ("Shipped", OrderStatus.Shipped), ("Delivered", OrderStatus.Delivered) })
        {
            page = await client.SubmitAsync(page, $".transition-form[data-target={target}]");
            Assert.Equal($"The order is now {target}.", Text(page, "#flash"));
            Assert.Equal(status, (await OrderAsync(order.Number)).Status);
        }

        var saved = await OrderAsync(order.Number);
        Assert.Equal([OrderStatus.AwaitingPayment, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered], saved.History.OrderBy(h => h.Id).Select(h => h.Status));
        Assert.All(saved.History.Where(h => h.Status is OrderStatus.Shipped or OrderStatus.Delivered), h => Assert.Equal(AdminFixture.AdminEmail, h.ChangedBy));
        Assert.Contains(AdminFixture.AdminEmail, Text(page, "#history"));
        Assert.Empty(page.QuerySelectorAll(".transition-form"));
    }

    [Fact]
    public async Task Illegal_transition_shows_a_message_and_changes_nothing()
    {
        var order = await PlaceOrderAsync((await AnyProductAsync()).Id);
        var client = await AdminAsync();
        var page = await client.GetAsync($"/Admin/Orders/{order.Number}");
        // The page offers only Shipped and Cancel; post "Delivered" as a stale or crafted form would.
        var after = await client.SubmitAsync(page, ".transition-form[data-target=Shipped]", new Dictionary<string, string> { ["target"] = "Delivered" });

        Assert.Equal(HttpStatusCode.OK, client.Status);
        Assert.Contains("not allowed", Text(after, "#flash-error"));
        var saved = await OrderAsync(order.Number);
        Assert.Equal(OrderStatus.Paid, saved.Status);
        Assert.Equal(2, saved.History.Count);

        var garbage = await client.SubmitAsync(page, ".transition-form[data-target=Shipped]", new Dictionary<string, string> { ["target"] = "Teleported" });
        Assert.Contains("not allowed", Text(garbage, "#flash-error"));
        Assert.Equal(OrderStatus.Paid, (await OrderAsync(order.Number)).Status);
    }

    [Fact]
    public async Task Cancel_puts_the_units_back_in_stock()
    {
        var product = await AnyProductAsync();
        var order = await PlaceOrderAsync(product.Id, 3);
        Assert.Equal(product.Stock - 3, (await ProductAsync(product.Slug)).Stock);

        var client = await AdminAsync();
        var page = await client.GetAsync($"/Admin/Orders/{order.Number}");
        // Issue 13: "Cancel order" only asks; the confirm step on the same page does it.
        Assert.Null(page.QuerySelector(".transition-form[data-target=Cancelled]"));
        page = await client.GetAsync(page.QuerySelector("#to-cancelled")!.GetAttribute("href")!);
        Assert.Equal(product.Stock - 3, (await ProductAsync(product.Slug)).Stock);
        page = await client.SubmitAsync(page, "#confirm-cancel .transition-form[data-target=Cancelled]");

        Assert.Equal("The order is now Cancelled.", Text(page, "#flash"));
        Assert.Equal(OrderStatus.Cancelled, (await OrderAsync(order.Number)).Status);
        Assert.Equal(product.Stock, (await ProductAsync(product.Slug)).Stock);
    }

    [Fact]
    public async Task List_filters_by_status_and_searches_by_number_or_email_with_paging()
    {
        var product = await AnyProductAsync(minStock: 30);
        var a = await PlaceOrderAsync(product.Id, 1, "first@example.com");
        var b = await PlaceOrderAsync(product.Id, 1, "second@example.com");
        await App.Factory.WithDbAsync(async db =>
        {
            var order = await db.Orders.SingleAsync(o => o.Number == b.Number);
            order.ChangeStatusByStaff(OrderStatus.Shipped, "test", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        var client = await AdminAsync();
        Assert.Equal(2, (await client.GetAsync("/Admin/Orders")).QuerySelectorAll("tr.order-row").Length);
        // Issue 12: orders start Paid now, so the filter is exercised with Shipped (and Delivered for none).
        Assert.Equal([b.Number], (await client.GetAsync("/Admin/Orders?status=Shipped")).QuerySelectorAll("tr.order-row").Select(r => r.GetAttribute("data-number")));
        Assert.Equal([a.Number], (await client.GetAsync("/Admin/Orders?q=FIRST%40example.com")).QuerySelectorAll("tr.order-row").Select(r => r.GetAttribute("data-number")));
        Assert.Equal([a.Number], (await client.GetAsync($"/Admin/Orders?q={a.Number.ToLowerInvariant()}")).QuerySelectorAll("tr.order-row").Select(r => r.GetAttribute("data-number")));
        Assert.Empty((await client.GetAsync("/Admin/Orders?status=Delivered")).QuerySelectorAll("tr.order-row"));

        for (var i = 0; i < 21; i++)
        {
            await PlaceOrderAsync(product.Id, 1, "bulk@example.com");
        }

        Assert.Equal(20, (await client.GetAsync("/Admin/Orders?q=bulk%40example.com")).QuerySelectorAll("tr.order-row").Length);
        Assert.Single((await client.GetAsync("/Admin/Orders?q=bulk%40example.com&page=2")).QuerySelectorAll("tr.order-row"));
    }

    [Fact]
    public async Task Csv_export_is_bom_utf8_semicolons_decimal_comma_without_card_data_and_defused()
    {
        var product = await AnyProductAsync();
        var order = await PlaceOrderAsync(product.Id, 2, "=cmd@example.com", firstName: "=HYPERLINK(\"http://evil\")");
        await PlaceOrderAsync(product.Id, 1, "other@example.com");

        var client = await AdminAsync();
        var list = await client.GetAsync("/Admin/Orders?status=Paid&q=%3Dcmd%40example.com");
        var href = list.QuerySelector("#export-csv")!.GetAttribute("href")!;
        Assert.Contains("status=Paid", href);

        var response = await client.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // header + the one filtered order
        Assert.StartsWith("Order;Placed at (Brasília);Status;", lines[0]); // issue 13: Brasília time
        var row = lines[1];
        Assert.StartsWith(order.Number + ";", row);
        Assert.Contains(";Paid;", row);
        Assert.Contains("'=cmd@example.com", row);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", row);
        Assert.Contains(";São Paulo;", row);
        var total = order.Total.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',');
        Assert.EndsWith(";" + total, row);
        Assert.DoesNotContain("1111", row);
        Assert.DoesNotContain("Visa", row);
        Assert.DoesNotContain("AUTH-TEST", row);
    }

    [Fact]
    public async Task Unknown_order_is_404()
    {
        var client = await AdminAsync(followRedirects: false);
        await client.GetAsync("/Admin/Orders/FS-ZZZZ-ZZZZ");
        Assert.Equal(HttpStatusCode.NotFound, client.Status);
    }
}
