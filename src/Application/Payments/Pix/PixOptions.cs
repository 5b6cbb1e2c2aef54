namespace FakeShop.Application.Payments.Pix;

/// <summary>
/// Settings of Pix, section <c>Payments:Pix</c>. Pix is offered only when <see cref="WebhookSecret"/> is set: without
/// it no payment confirmation could be trusted, so a shop without one simply takes cards (one log line at start
/// says so). The secret has no default anywhere but in appsettings.Development.json.
/// </summary>
public sealed class PixOptions
{
    public const string SectionName = "Payments:Pix";

    /// <summary>
    /// The shop's Pix key (e-mail, phone, CNPJ or random key) that payers send money to. The default is under the
    /// reserved .example domain: with the fake gateway no money moves, and a real key is set with a real provider.
    /// </summary>
    public string Key { get; set; } = "pix@fakeshop.example";

    /// <summary>Shown in the payer's banking app; at most 25 characters (BR Code field 59).</summary>
    public string MerchantName { get; set; } = "Fake Shop";

    /// <summary>At most 15 characters (BR Code field 60).</summary>
    public string MerchantCity { get; set; } = "Sao Paulo";

    /// <summary>How long a charge can be paid; the stock stays reserved that long.</summary>
    public int ExpiryMinutes { get; set; } = 30;

    /// <summary>Shared with the payment provider: it signs every webhook body with HMAC-SHA256 under this key.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A webhook whose event is older (or further in the future) than this is refused as a replay.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>How often each replica looks for expired charges to settle.</summary>
    public int SweepSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrEmpty(WebhookSecret);

    /// <summary>At least 32 bytes: HMAC-SHA256 gains nothing from a longer key and is weakened by a shorter one.</summary>
    public const int MinimumSecretLength = 32;
}
