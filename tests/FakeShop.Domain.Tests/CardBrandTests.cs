using FakeShop.Domain.Ordering;

namespace FakeShop.Domain.Tests;

public class CardBrandTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("5555555555554444", true)]
    [InlineData("378282246310005", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("1234", false)]
    [InlineData("41111111111111a1", false)]
    public void Luhn(string number, bool valid) => Assert.Equal(valid, CardBrand.PassesLuhn(number));

    [Theory]
    [InlineData("4111111111111111", "Visa")]
    [InlineData("5555555555554444", "Mastercard")]
    [InlineData("2223000048400011", "Mastercard")]
    [InlineData("378282246310005", "Amex")]
    [InlineData("6362970000457013", "Elo")]
    public void Detects_the_brand(string number, string brand) => Assert.Equal(brand, CardBrand.Detect(number));

    [Fact]
    public void Normalize_strips_separators() => Assert.Equal("4111111111111111", CardBrand.Normalize("4111 1111-1111 1111"));
}
