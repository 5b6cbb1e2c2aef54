using FakeShop.Domain.Common;

namespace FakeShop.Domain.Tests;

public class MoneyTests
{
    [Fact]
    public void Rounds_to_centavos_half_away_from_zero()
    {
        Assert.Equal(10.01m, Money.Brl(10.005m).Amount);
        Assert.Equal(10.00m, Money.Brl(10.004m).Amount);
    }

    [Fact]
    public void Sums_exactly_where_binary_floating_point_would_not()
    {
        var total = Enumerable.Repeat(Money.Brl(0.10m), 3).Aggregate(Money.Zero, (a, b) => a + b);
        Assert.Equal(Money.Brl(0.30m), total);
    }

    [Fact]
    public void Multiplies_by_quantity()
    {
        Assert.Equal(Money.Brl(2699.70m), Money.Brl(899.90m) * 3);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(-100)]
    public void Rejects_negative_amounts(double amount)
    {
        var ex = Assert.Throws<DomainException>(() => Money.Brl((decimal)amount));
        Assert.Equal("money.negative", ex.Code);
    }

    [Fact]
    public void Rejects_amounts_beyond_the_column_size()
    {
        Assert.Throws<DomainException>(() => Money.Brl(Money.MaxAmount + 1));
    }

    [Fact]
    public void Subtraction_below_zero_is_refused()
    {
        Assert.Throws<DomainException>(() => Money.Brl(1m) - Money.Brl(2m));
    }

    [Fact]
    public void Cents_round_trip()
    {
        var price = Money.Brl(5499.99m);
        Assert.Equal(549999L, price.Cents);
        Assert.Equal(price, Money.FromCents(price.Cents));
    }

    [Fact]
    public void Compares_by_amount()
    {
        Assert.True(Money.Brl(1m) < Money.Brl(2m));
        Assert.Equal(-1, Money.Brl(1m).CompareTo(Money.Brl(2m)));
        Assert.Equal("1234.50 BRL", Money.Brl(1234.5m).ToString());
    }
}
