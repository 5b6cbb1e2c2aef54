using System.Text;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Payments;
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

    private static readonly DateTimeOffset SignedAt = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_signature_is_the_hmac_sha256_of_time_dot_body()
    {
        var body = """{"eventId":"e1","txId":"T1","amount":"10.00"}"""u8.ToArray();
        var header = PixWebhookSignature.Compute(Secret, SignedAt, body);

        // Independently: HMAC-SHA256 of "<unix seconds>.<body>" with the secret as key, in lower-case hex.
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var seconds = SignedAt.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.ASCII.GetBytes($"{seconds}."), .. body]));
        Assert.Equal($"t={seconds},v1={expected}", header);

        Assert.True(PixWebhookSignature.TryVerify(Secret, body, header, out var timestamp));
        Assert.Equal(SignedAt, timestamp);
        Assert.True(PixWebhookSignature.TryVerify(Secret, body, $"v1={expected.ToUpperInvariant()}, t={seconds}", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=1")]
    [InlineData("v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    [InlineData("t=abc,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    [InlineData("t=1,v1=zz")]
    [InlineData("t=99999999999999999999,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    public void Malformed_signature_headers_are_refused(string? header) =>
        Assert.False(PixWebhookSignature.TryVerify(Secret, "{}"u8, header, out _));

    [Fact]
    public void A_changed_body_time_or_secret_does_not_verify()
    {
        var body = """{"eventId":"e1","amount":"10.00"}"""u8.ToArray();
        var header = PixWebhookSignature.Compute(Secret, SignedAt, body);
        var seconds = SignedAt.ToUnixTimeSeconds();
        Assert.False(PixWebhookSignature.TryVerify(Secret, """{"eventId":"e1","amount":"99.00"}"""u8, header, out _));
        Assert.False(PixWebhookSignature.TryVerify(Secret + "x", body, header, out _));
        Assert.False(PixWebhookSignature.TryVerify(Secret, body, header.Replace($"t={seconds}", $"t={seconds + 600}", StringComparison.Ordinal), out _));
        Assert.False(PixWebhookSignature.TryVerify(Secret, body, header[..^1] + (header[^1] == '0' ? '1' : '0'), out _));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
