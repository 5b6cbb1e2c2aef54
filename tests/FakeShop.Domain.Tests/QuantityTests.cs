using FakeShop.Domain.Common;

namespace FakeShop.Domain.Tests;

public class QuantityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(99)]
    public void Accepts_one_to_ninety_nine(int value) => Assert.Equal(value, new Quantity(value).Value);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public void Rejects_values_out_of_range(int value)
    {
        Assert.False(Quantity.IsValid(value));
        Assert.Equal("quantity.range", Assert.Throws<DomainException>(() => new Quantity(value)).Code);
    }
}
