using FakeShop.Domain.Catalog;
using FakeShop.Domain.Common;

namespace FakeShop.Domain.Tests;

public class ProductTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static Product NewProduct(decimal price = 100m, int stock = 5) =>
        new("Câmera DSLR Pro", null, "short", "long", Money.Brl(price), stock, 1, Now);

    [Fact]
    public void Derives_an_ascii_slug_from_the_name()
    {
        Assert.Equal("camera-dslr-pro", NewProduct().Slug);
    }

    [Fact]
    public void Price_must_be_positive()
    {
        Assert.Equal("price.not_positive", Assert.Throws<DomainException>(() => NewProduct(price: 0m)).Code);
        var product = NewProduct();
        Assert.Throws<DomainException>(() => product.ChangePrice(Money.Zero, Now));
        Assert.Equal(100m, product.Price.Amount);
    }

    [Fact]
    public void Stock_cannot_go_negative()
    {
        Assert.Equal("stock.negative", Assert.Throws<DomainException>(() => NewProduct(stock: -1)).Code);
        var product = NewProduct(stock: 2);
        // Issue 15 removed RemoveStock (nothing but tests called it; checkout takes stock with a conditional SQL
        // update, ADR 6): the same invariant through AdjustStock, whose refusal code is stock.negative.
        Assert.Equal("stock.negative", Assert.Throws<DomainException>(() => product.AdjustStock(-3, Now)).Code);
        Assert.Equal(2, product.Stock);
        product.AdjustStock(-2, Now);
        Assert.Equal(0, product.Stock);
        Assert.False(product.IsAvailable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_is_required(string name)
    {
        Assert.Throws<DomainException>(() => new Product(name, "x", "", "", Money.Brl(1m), 1, 1, Now));
    }

    [Fact]
    public void Name_is_bounded()
    {
        Assert.Throws<DomainException>(() => new Product(new string('a', Product.NameMaxLength + 1), "x", "", "", Money.Brl(1m), 1, 1, Now));
    }

    [Fact]
    public void Every_change_bumps_the_concurrency_version()
    {
        var product = NewProduct();
        var before = product.Version;
        product.SetStock(9, Now.AddMinutes(1));
        product.Hide(Now.AddMinutes(2));
        Assert.Equal(before + 2, product.Version);
        Assert.Equal(Now.AddMinutes(2), product.UpdatedAt);
        Assert.False(product.IsActive);
    }

    [Theory]
    [InlineData("Bad Slug")]
    [InlineData("-leading")]
    [InlineData("double--hyphen")]
    [InlineData("ümlaut")]
    public void Rejects_malformed_slugs(string slug)
    {
        Assert.False(Slug.IsValid(slug));
        Assert.Throws<DomainException>(() => new Product("Name", slug, "", "", Money.Brl(1m), 1, 1, Now));
    }
}
