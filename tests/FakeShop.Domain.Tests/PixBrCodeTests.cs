using System.Text;
using FakeShop.Domain.Common;
using FakeShop.Domain.Payments;

namespace FakeShop.Domain.Tests;

public class PixBrCodeTests
{
    /// <summary>
    /// The static BR Code example of BCB's "Manual de Padrões para Iniciação do Pix" (random key, no amount, txid
    /// "***", merchant "Fulano de Tal" in BRASILIA). Its lengths and CRC were checked by hand and by an independent
    /// CRC implementation before being written here.
    /// </summary>
    private const string ManualStaticExample =
        "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal" +
        "6008BRASILIA62070503***63041D3D";

    /// <summary>
    /// The static example with an amount (phone key, R$ 66.66, "EMPRESA" in BRASILIA) from section 6.1 of the same
    /// manual as annotated in https://gist.github.com/matheusb-comp/1efa205b3c0ffd7af1e8ce63a10e02dc. Note that the
    /// published text gives field 62 a length of 08 for a 7-character value; its CRC (170E) is over that text, so the
    /// checksum is tested on it as published, and the builder's own output (correct length 07) separately.
    /// </summary>
    private const string ManualAmountExampleUpToCrc =
        "00020126360014BR.GOV.BCB.PIX0114+5511943214321520400005303986540566.665802BR5907EMPRESA6008BRASILIA62080503***6304";

    [Theory]
    [InlineData("123456789", 0x29B1)] // the standard check value of CRC-16/CCITT-FALSE
    [InlineData("", 0xFFFF)]          // nothing processed: the initial value
    [InlineData("A", 0xB915)]
    public void Crc16_matches_the_standard_check_values(string input, int expected) =>
        Assert.Equal((ushort)expected, Crc16CcittFalse.Compute(Encoding.ASCII.GetBytes(input)));

    [Fact]
    public void Crc_of_the_published_amount_example_is_the_published_one() =>
        Assert.Equal("170E", PixBrCode.Crc(ManualAmountExampleUpToCrc));

    [Fact]
    public void Builder_reproduces_the_manual_example_byte_for_byte()
    {
        var built = PixBrCode.Build("123e4567-e12b-12d1-a456-426655440000", "Fulano de Tal", "BRASILIA", amount: null, PixBrCode.NoTxId);
        Assert.Equal(ManualStaticExample, built);
    }

    [Fact]
    public void Parser_accepts_the_manual_example_and_reads_its_fields()
    {
        var fields = PixBrCode.Parse(ManualStaticExample);
        Assert.NotNull(fields);
        Assert.Equal("BR", fields["58"]);
        Assert.Equal("986", fields["53"]);
        var account = PixBrCode.ReadFields(fields["26"]);
        Assert.NotNull(account);
        Assert.Equal(PixBrCode.Gui, account["00"]);
        Assert.Equal("123e4567-e12b-12d1-a456-426655440000", account["01"]);
    }

    [Fact]
    public void An_order_payload_has_every_field_with_consistent_lengths_and_crc()
    {
        var payload = PixBrCode.Build("pix@fakeshop.example", "Fake Shop Ltda", "São Paulo", Money.Brl(1234.5m), "FS7KQ2M9XD0001", singleUse: true);

        var fields = PixBrCode.Parse(payload);
        Assert.NotNull(fields);
        Assert.Equal("01", fields["00"]);
        Assert.Equal("12", fields["01"]);
        Assert.Equal("0000", fields["52"]);
        Assert.Equal("1234.50", fields["54"]);
        Assert.Equal("Fake Shop Ltda", fields["59"]);
        Assert.Equal("Sao Paulo", fields["60"]); // accents dropped: payer apps show plain ASCII
        Assert.Equal("FS7KQ2M9XD0001", PixBrCode.ReadFields(fields["62"])!["05"]);
        Assert.Equal("pix@fakeshop.example", PixBrCode.ReadFields(fields["26"])!["01"]);
        Assert.StartsWith("000201010212", payload, StringComparison.Ordinal);
        Assert.Equal(payload[..^4] + PixBrCode.Crc(payload[..^4]), payload);
    }

    [Fact]
    public void One_changed_character_breaks_the_crc()
    {
        var payload = PixBrCode.Build("pix@fakeshop.example", "Fake Shop", "Sao Paulo", Money.Brl(10m), "ABC123");
        var tampered = payload.Replace("5405" + "10.00", "5405" + "90.00", StringComparison.Ordinal);
        Assert.NotEqual(payload, tampered);
        Assert.Null(PixBrCode.Parse(tampered));
    }

    [Theory]
    [InlineData("Fake Shop Comércio de Eletrônicos", "Sao Paulo", "ABC", "pix.merchant_name.too_long")]
    [InlineData("Fake Shop", "Sao Jose dos Campos", "ABC", "pix.merchant_city.too_long")]
    [InlineData("Fake Shop", "Sao Paulo", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "pix.txid")]
    [InlineData("Fake Shop", "Sao Paulo", "FS-7KQ2", "pix.txid")]
    [InlineData("Fake Shop", "Sao Paulo", "", "pix.txid")]
    [InlineData("Fake ☃ Shop", "Sao Paulo", "ABC", "pix.merchant_name.charset")]
    [InlineData("", "Sao Paulo", "ABC", "pix.merchant_name.required")]
    public void Values_that_do_not_fit_are_refused_not_cut(string name, string city, string txId, string code)
    {
        var ex = Assert.Throws<DomainException>(() => PixBrCode.Build("pix@fakeshop.example", name, city, Money.Brl(1m), txId));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void A_zero_amount_is_refused() =>
        Assert.Equal("pix.amount", Assert.Throws<DomainException>(() => PixBrCode.Build("k", "n", "c", Money.Zero, "A")).Code);

    [Theory]
    [InlineData("")]
    [InlineData("000201")]
    [InlineData("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3E")]
    [InlineData("0002016304XXXX")]
    public void Parser_refuses_malformed_payloads(string payload) => Assert.Null(PixBrCode.Parse(payload));
}
