using FakeShop.Domain.Ordering;

namespace FakeShop.Domain.Tests;

public class OrderNumberTests
{
    [Fact]
    public void Numbers_are_short_well_formed_and_do_not_repeat()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => OrderNumber.New()).ToList();
        Assert.All(numbers, n => Assert.True(OrderNumber.IsWellFormed(n), n));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public void Consecutive_numbers_are_not_sequential()
    {
        var a = OrderNumber.New();
        var b = OrderNumber.New();
        Assert.NotEqual(a[..^1], b[..^1]);
    }

    [Theory]
    [InlineData("FS-0000-000")]
    [InlineData("XX-ABCD-EFGH")]
    [InlineData("FS-ABCD-EFGI")]
    [InlineData("FS-abcd-efgh")]
    [InlineData("<script>")]
    public void Malformed_numbers_are_recognised(string value) => Assert.False(OrderNumber.IsWellFormed(value));
}
