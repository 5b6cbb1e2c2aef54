using FakeShop.Domain.Brazil;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;

namespace FakeShop.Domain.Tests;

public class BrazilTests
{
    [Theory]
    [InlineData("01310-100", "01310100")]
    [InlineData("01310100", "01310100")]
    [InlineData(" 20040-020 ", "20040020")]
    public void A_cep_is_eight_digits_with_or_without_the_hyphen(string typed, string digits)
    {
        Assert.True(Cep.TryParse(typed, out var cep));
        Assert.Equal(digits, cep.Digits);
        Assert.Equal(digits[..5] + "-" + digits[5..], cep.ToString());
        Assert.Equal(Cep.Parse("01310-100"), Cep.Parse("01310100"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0131-0100")]
    [InlineData("01310.100")]
    [InlineData("1310100")]
    [InlineData("013101000")]
    [InlineData("ABCDE-FGH")]
    [InlineData("０１３１０１００")]
    public void Anything_else_is_not_a_cep(string? typed)
    {
        Assert.False(Cep.TryParse(typed, out _));
        Assert.Throws<DomainException>(() => Cep.Parse(typed));
    }

    [Fact]
    public void There_are_27_federative_units_in_the_order_of_their_names()
    {
        Assert.Equal(27, Uf.All.Count);
        Assert.Equal(27, Uf.All.Select(u => u.Code).Distinct().Count());
        Assert.All(Uf.All, u => Assert.Matches("^[A-Z]{2}$", u.Code));
        Assert.Equal(Uf.All.Select(u => u.Name).Order(StringComparer.Create(new System.Globalization.CultureInfo("pt-BR"), false)), Uf.All.Select(u => u.Name));
        Assert.Equal("São Paulo", Uf.Parse("sp").Name);
        Assert.Equal("DF", Uf.Parse(" DF ").Code);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("São Paulo")]
    [InlineData("")]
    [InlineData(null)]
    public void A_uf_is_one_of_the_27_codes(string? typed) => Assert.False(Uf.TryParse(typed, out _));

    [Fact]
    public void A_stored_state_from_before_the_select_is_kept_as_typed()
    {
        Assert.Same(Uf.Parse("RJ"), Uf.FromStored("RJ"));
        Assert.Equal("Minas", Uf.FromStored("Minas").Code);
    }

    [Theory]
    [InlineData("123.456.789-09", "12345678909")]
    [InlineData("12345678909", "12345678909")]
    [InlineData("529.982.247-25", "52998224725")]
    [InlineData(" 111.444.777-35 ", "11144477735")]
    public void A_cpf_passes_with_its_two_check_digits(string typed, string digits)
    {
        Assert.True(Cpf.TryParse(typed, out var cpf));
        Assert.Equal(digits, cpf.Digits);
    }

    [Theory]
    [InlineData("123.456.789-00")] // both check digits wrong
    [InlineData("123.456.789-08")] // second wrong
    [InlineData("123.456.789-19")] // first wrong
    [InlineData("111.111.111-11")] // all equal: passes the arithmetic, never issued
    [InlineData("000.000.000-00")]
    [InlineData("1234567890")]
    [InlineData("123456789091")]
    [InlineData("123/456/789-09")]
    [InlineData("")]
    [InlineData(null)]
    public void A_cpf_with_wrong_digits_or_shape_is_refused(string? typed) => Assert.False(Cpf.TryParse(typed, out _));

    [Fact]
    public void A_cpf_shows_itself_masked_unless_asked_for_the_full_number()
    {
        var cpf = Cpf.Parse("123.456.789-09");
        Assert.Equal("***.456.789-**", cpf.Masked);
        Assert.Equal("***.456.789-**", cpf.ToString());
        Assert.Equal("***.456.789-**", $"{cpf}");
        Assert.Equal("123.456.789-09", cpf.Formatted);
        Assert.DoesNotContain("12345678909", new CustomerDetails("Ana", "Silva", "a@b.c", "11912345678", cpf).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_has_a_cep_number_and_district_and_prints_its_street_line()
    {
        var address = new Address(Cep.Parse("01310100"), " Avenida Paulista ", "1000", "Apto 42", "Bela Vista", "São Paulo", Uf.Parse("SP"));
        Assert.Equal("Avenida Paulista, 1000 - Apto 42", address.StreetLine);
        Assert.Equal("01310-100", address.Cep.ToString());
        Assert.Equal("Rua B, S/N", new Address(Cep.Parse("01310100"), "Rua B", "S/N", null, "Centro", "Recife", Uf.Parse("PE")).StreetLine);
        Assert.Throws<DomainException>(() => new Address(Cep.Parse("01310100"), "Rua B", " ", null, "Centro", "Recife", Uf.Parse("PE")));
        Assert.Throws<DomainException>(() => new Address(Cep.Parse("01310100"), "Rua B", "1", null, "", "Recife", Uf.Parse("PE")));
    }
}
