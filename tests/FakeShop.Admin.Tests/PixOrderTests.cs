using FakeShop.Domain.Brazil;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Admin.Tests;

/// <summary>Issue 12 (Pix): the admin finds the orders awaiting payment and sees how they are being paid.</summary>
public sealed class PixOrderTests(AdminFixture app) : AdminTest(app)
{
    private Task<Order> PlacePixOrderAsync(int productId) =>
        App.Factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            product.AdjustStock(-1, now);
            var order = new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
                new CustomerDetails("Bia", "Costa", "bia@example.com", "+55 11 91234-5678", Cpf.Parse("123.456.789-09")),
                new Address(Cep.Parse("01000-000"), "Rua das Flores", "10", null, "Sé", "São Paulo", Uf.Parse("SP")),
                [(product.Id, product.Name, product.Price, 1)], Money.Brl(10m), PaymentMethod.Pix, now.AddMinutes(30), now);
            order.AttachPixCharge(new PixPayment("TX" + order.Number.Replace("-", "", StringComparison.Ordinal), "000201-test-code"));
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order;
        });

    [Fact]
    public async Task The_order_list_filters_orders_awaiting_payment_and_the_details_say_pix()
    {
        var product = await AnyProductAsync();
        var paid = await PlaceOrderAsync(product.Id, 1);
        var waiting = await PlacePixOrderAsync(product.Id);
        var client = await AdminAsync();

        var list = await client.GetAsync("/Admin/Orders?status=AwaitingPayment");
        Assert.Equal([waiting.Number], list.QuerySelectorAll("tr.order-row").Select(r => r.GetAttribute("data-number")));
        Assert.Contains(list.QuerySelectorAll("#status option"), o => o.GetAttribute("value") == "AwaitingPayment");
        Assert.Equal([paid.Number], (await client.GetAsync("/Admin/Orders?status=Paid")).QuerySelectorAll("tr.order-row").Select(r => r.GetAttribute("data-number")));

        var details = await client.GetAsync($"/Admin/Orders/{waiting.Number}");
        Assert.Equal("Pix", Text(details, "#payment"));
        // The money decides, not staff: no transition buttons while awaiting payment.
        Assert.Empty(details.QuerySelectorAll(".transition-form"));
    }
}
