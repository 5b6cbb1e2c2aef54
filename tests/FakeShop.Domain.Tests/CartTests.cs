using FakeShop.Domain.Carts;
using FakeShop.Domain.Common;

namespace FakeShop.Domain.Tests;

public class CartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Money Price = Money.Brl(50m);

    [Fact]
    public void Adding_the_same_product_twice_merges_the_line()
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        cart.AddItem(7, 2, 10, Price, Now);
        cart.AddItem(7, 3, 10, Price, Now);
        Assert.Single(cart.Lines);
        Assert.Equal(5, cart.ItemCount);
    }

    [Fact]
    public void Never_holds_more_than_the_stock()
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        cart.AddItem(7, 3, 4, Price, Now);
        Assert.Equal("cart.not_enough_stock", Assert.Throws<DomainException>(() => cart.AddItem(7, 2, 4, Price, Now)).Code);
        Assert.Equal(3, cart.ItemCount);
    }

    [Fact]
    public void Sold_out_products_cannot_be_added()
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        Assert.Equal("cart.sold_out", Assert.Throws<DomainException>(() => cart.AddItem(7, 1, 0, Price, Now)).Code);
        Assert.True(cart.IsEmpty);
    }

    [Fact]
    public void A_line_holds_at_most_ninety_nine_units()
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        cart.AddItem(7, 99, 1000, Price, Now);
        Assert.Equal("cart.line_max", Assert.Throws<DomainException>(() => cart.AddItem(7, 1, 1000, Price, Now)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_000_000)]
    public void Quantities_outside_one_to_ninety_nine_are_refused(int quantity)
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        Assert.Throws<DomainException>(() => cart.AddItem(7, quantity, int.MaxValue, Price, Now));
    }

    [Fact]
    public void Lines_are_found_only_inside_this_cart()
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        Assert.Throws<CartLineNotFoundException>(() => cart.SetQuantity(12345, 1, 10, Now));
        Assert.Throws<CartLineNotFoundException>(() => cart.RemoveLine(12345, Now));
    }

    [Fact]
    public void Acknowledging_a_price_updates_the_price_seen()
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        cart.AddItem(7, 1, 10, Price, Now);
        cart.AcknowledgePrice(7, Money.Brl(55m));
        Assert.Equal(Money.Brl(55m), cart.Lines[0].PriceSeen);
    }

    [Fact]
    public void Clear_empties_the_cart()
    {
        var cart = new Cart(Guid.NewGuid(), Now);
        cart.AddItem(1, 1, 10, Price, Now);
        cart.AddItem(2, 1, 10, Price, Now);
        cart.Clear(Now);
        Assert.True(cart.IsEmpty);
    }

    [Fact]
    public void A_cart_needs_an_owner()
    {
        Assert.Throws<DomainException>(() => new Cart(Guid.Empty, Now));
    }
}
