using FakeShop.Application.Carts.ViewCart;

namespace FakeShop.Application.Tests;

/// <summary>
/// Issue 16: the cart and checkout pages show the cart on every view, so showing it is one untracked query; only a
/// price change the customer has not seen yet costs the load and the write that records it.
/// </summary>
public sealed class CartViewCostTests(AppFixture app) : UseCaseTest(app)
{
    private readonly Guid _visitor = Guid.NewGuid();

    private async Task Add(string slug, int quantity)
    {
        var product = await Product(slug);
        await Send(m => m.Send(new AddToCartCommand(_visitor, product.Id, quantity)));
    }

    [Fact]
    public async Task Showing_a_cart_of_three_lines_is_one_sql_command()
    {
        await Add("webcam-4k-ultra", 2);
        await Add("ring-light-18", 1);
        await Add("notebook-creator-16", 1);

        using var counter = new SqlCommandCounter();
        var cart = await Send(m => m.Send(new ViewCartCommand(_visitor)));

        Assert.Equal(1, counter.Count);
        Assert.Equal(["Webcam 4K Ultra", "Ring Light 18\"", "Notebook Creator 16\""], cart.Lines.Select(l => l.Name));
        Assert.Equal(4, cart.ItemCount);
        Assert.False(cart.HasPriceChanges);
    }

    [Fact]
    public async Task A_price_change_costs_the_write_once_then_showing_is_one_command_again()
    {
        await Add("webcam-4k-ultra", 2);
        await SetPrice("webcam-4k-ultra", 799.90m);

        using var counter = new SqlCommandCounter();
        var first = await Send(m => m.Send(new ViewCartCommand(_visitor)));
        var recorded = counter.Count;
        counter.Reset();
        var second = await Send(m => m.Send(new ViewCartCommand(_visitor)));

        Assert.True(first.HasPriceChanges);
        Assert.True(recorded > 1, $"{recorded} commands: the price seen must have been written");
        Assert.False(second.HasPriceChanges);
        Assert.Equal(1, counter.Count);
        Assert.Equal(2 * 799.90m + 10m, second.Total.Amount);
    }
}
