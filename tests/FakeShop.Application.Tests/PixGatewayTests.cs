using System.Text;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Common;
using FakeShop.Domain.Payments;
using FakeShop.Infrastructure.Payments;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Tests;

/// <summary>The fake provider's charges and the webhook signature, without a database.</summary>
public class PixGatewayTests
{
    private const string Secret = "a-test-secret-of-at-least-thirty-two-characters";

    [Fact]
    public async Task A_charge_carries_a_valid_br_code_and_expires_after_its_time()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var gateway = new FakePixGateway(Options.Create(new PixOptions()), clock);

        var txId = PixTxId.New("FS-7KQ2-M9XD");
        var charge = await gateway.CreateChargeAsync(new PixChargeRequest(txId, Money.Brl(99.9m), TimeSpan.FromMinutes(30), "FS-7KQ2-M9XD"), default);

        Assert.Equal(PixChargeStatus.Active, charge.Status);
        Assert.Equal(clock.GetUtcNow().AddMinutes(30), charge.ExpiresAt);
        var fields = PixBrCode.Parse(charge.BrCode);
        Assert.NotNull(fields);
        Assert.Equal("99.90", fields["54"]);
        Assert.Equal(txId, PixBrCode.ReadFields(fields["62"])!["05"]);

        Assert.Equal(PixChargeStatus.Active, (await gateway.GetChargeAsync(txId, default))!.Status);
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(PixChargeStatus.Expired, (await gateway.GetChargeAsync(txId, default))!.Status);
        Assert.False(gateway.Pay(txId));
        Assert.Null(await gateway.GetChargeAsync("UNKNOWN", default));
    }

    [Fact]
    public async Task A_paid_charge_stays_paid_and_cannot_be_paid_twice()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var gateway = new FakePixGateway(Options.Create(new PixOptions()), clock);
        var txId = PixTxId.New("FS-0000-0001");
        await gateway.CreateChargeAsync(new PixChargeRequest(txId, Money.Brl(10m), TimeSpan.FromMinutes(5), "FS-0000-0001"), default);

        Assert.True(gateway.Pay(txId));
        Assert.False(gateway.Pay(txId));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PixChargeStatus.Paid, (await gateway.GetChargeAsync(txId, default))!.Status);
    }

    [Fact]
    public void Txids_fit_the_br_code_and_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => PixTxId.New("FS-7KQ2-M9XD")).ToList();
        Assert.All(ids, id => Assert.Matches("^FS7KQ2M9XD[0-9A-Z]{12}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_signature_is_the_hmac_sha256_of_the_exact_body()
    {
        var body = """{"eventId":"e1","txId":"T1","amount":"10.00"}"""u8.ToArray();
        var signature = PixWebhookSignature.Compute(Secret, body);

        // Independently: HMAC-SHA256 of the body with the secret as key, in lower-case hex.
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(body)), signature);
        Assert.True(PixWebhookSignature.IsValid(Secret, body, signature));
        Assert.True(PixWebhookSignature.IsValid(Secret, body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("md5=00112233445566778899aabbccddeeff")]
    public void Malformed_signature_headers_are_refused(string? header) =>
        Assert.False(PixWebhookSignature.IsValid(Secret, "{}"u8, header));

    [Fact]
    public void A_changed_body_or_another_secret_does_not_verify()
    {
        var body = """{"eventId":"e1","amount":"10.00"}"""u8.ToArray();
        var signature = PixWebhookSignature.Compute(Secret, body);
        Assert.False(PixWebhookSignature.IsValid(Secret, """{"eventId":"e1","amount":"99.00"}"""u8, signature));
        Assert.False(PixWebhookSignature.IsValid(Secret + "x", body, signature));
        Assert.False(PixWebhookSignature.IsValid(Secret, body, signature[..^1] + (signature[^1] == '0' ? '1' : '0')));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
