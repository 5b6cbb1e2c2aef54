using FakeShop.Web.Admin;
using FakeShop.Web.Localization;

namespace FakeShop.Admin.Tests;

/// <summary>The one price reader: the admin's separators, and a refusal instead of a guess.</summary>
public sealed class PriceInputTests
{
    private static readonly System.Globalization.NumberFormatInfo Portuguese = ShopCultures.NumberFormat(new("pt-BR"));
    private static readonly System.Globalization.NumberFormatInfo English = ShopCultures.NumberFormat(new("en"));

    [Theory]
    [InlineData("10", "10")]
    [InlineData("1299,90", "1299.90")]
    [InlineData("1.299,90", "1299.90")]
    [InlineData("1.299", "1299")]
    [InlineData("10.001", "10001")]
    [InlineData("1.234.567,8", "1234567.8")]
    [InlineData("0,5", "0.5")]
    [InlineData("49,90", "49.90")]
    [InlineData("R$ 49,90", "49.90")]
    [InlineData(" 49,90 ", "49.90")]
    [InlineData("0", "0")]
    public void Portuguese_reads_comma_decimals_and_dot_groups(string text, string expected)
    {
        Assert.True(PriceInput.TryParse(text, Portuguese, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("10,001")]     // three decimals: 10,00 or 10.001? refused, not guessed
    [InlineData("0,001")]
    [InlineData("1,2345")]
    [InlineData("1.299.90")]   // a group of two: probably a decimal point in the wrong language
    [InlineData("49.90")]
    [InlineData("1299.9")]
    [InlineData("12.99,90")]
    [InlineData("1299.900,00")]
    [InlineData(".299,90")]
    [InlineData("1..299")]
    [InlineData("10,")]
    [InlineData(",50")]
    [InlineData("1,2,3")]
    [InlineData("1.299,90,00")]
    [InlineData("-10")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("123456789012345678901")]
    public void Portuguese_refuses_ambiguous_or_malformed_prices(string? text) =>
        Assert.False(PriceInput.TryParse(text, Portuguese, out _));

    [Theory]
    [InlineData("10", "10")]
    [InlineData("1,299.90", "1299.90")]
    [InlineData("1299.90", "1299.90")]
    [InlineData("10,001", "10001")]
    [InlineData("0.5", "0.5")]
    public void English_reads_dot_decimals_and_comma_groups(string text, string expected)
    {
        Assert.True(PriceInput.TryParse(text, English, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("10.001")]
    [InlineData("0.001")]
    [InlineData("1.299,90")]
    [InlineData("49,90")]
    [InlineData("12,99.90")]
    public void English_refuses_ambiguous_or_malformed_prices(string text) =>
        Assert.False(PriceInput.TryParse(text, English, out _));

    [Theory]
    // Issue 13 changes what the form shows: thousands are grouped, as the admin writes them ("1.299,90", not "1299,90").
    [InlineData("1299.9", "1.299,90", "1,299.90")]
    [InlineData("1234567.5", "1.234.567,50", "1,234,567.50")]
    [InlineData("49.9", "49,90", "49.90")]
    [InlineData("0.05", "0,05", "0.05")]
    public void What_the_form_shows_reads_back_unchanged(string stored, string portuguese, string english)
    {
        var price = decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(portuguese, PriceInput.Format(price, Portuguese));
        Assert.Equal(english, PriceInput.Format(price, English));
        Assert.True(PriceInput.TryParse(PriceInput.Format(price, Portuguese), Portuguese, out var p) && p == price);
        Assert.True(PriceInput.TryParse(PriceInput.Format(price, English), English, out var e) && e == price);
    }

    [Fact]
    public void The_example_in_the_message_uses_the_admins_separators()
    {
        Assert.Equal("1.299,90", PriceInput.Example(Portuguese));
        Assert.Equal("1,299.90", PriceInput.Example(English));
    }
}
