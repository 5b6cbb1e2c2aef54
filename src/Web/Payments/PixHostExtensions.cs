using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Common;
using FakeShop.Domain.Payments;

namespace FakeShop.Web.Payments;

public static partial class PixHostExtensions
{
    /// <summary>
    /// Pix settings, checked before the first request: a secret that is set but short, or a key, name or city that
    /// would give an unreadable BR Code, stops start-up with one sentence instead of failing at the first checkout.
    /// </summary>
    public static WebApplicationBuilder AddShopPix(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PixOptions>()
            .Bind(builder.Configuration.GetSection(PixOptions.SectionName))
            .Validate(o => o.WebhookSecret is null || o.WebhookSecret.Length == 0 || o.WebhookSecret.Length >= PixOptions.MinimumSecretLength,
                $"Payments:Pix:WebhookSecret must be at least {PixOptions.MinimumSecretLength} characters (or empty to turn Pix off).")
            .Validate(o => !o.Enabled || o.ExpiryMinutes is >= 1 and <= 1440, "Payments:Pix:ExpiryMinutes must be between 1 and 1440.")
            .Validate(o => !o.Enabled || o.SweepSeconds is >= 1 and <= 3600, "Payments:Pix:SweepSeconds must be between 1 and 3600.")
            .Validate(o => !o.Enabled || o.WebhookToleranceSeconds is >= 10 and <= 3600, "Payments:Pix:WebhookToleranceSeconds must be between 10 and 3600.")
            .Validate(o => !o.Enabled || BuildsABrCode(o),
                $"Payments:Pix:Key (at most {PixBrCode.MaxKey} characters), MerchantName (at most {PixBrCode.MaxMerchantName}) and MerchantCity (at most {PixBrCode.MaxMerchantCity}) must be set, in plain letters.")
            .ValidateOnStart();
        builder.Services.AddHostedService<PixExpiryService>();
        return builder;
    }

    /// <summary>One line at start when Pix is off, so that its absence at checkout is never a mystery.</summary>
    public static void LogPixState(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PixOptions>>().Value;
        if (!options.Enabled)
        {
            LogPixOff(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FakeShop.Payments.Pix"));
        }
    }

    private static bool BuildsABrCode(PixOptions o)
    {
        try
        {
            PixBrCode.Build(o.Key, o.MerchantName, o.MerchantCity, Money.Brl(1m), "CHECK");
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pix is off: Payments:Pix:WebhookSecret is not set, so checkout offers cards only")]
    private static partial void LogPixOff(ILogger logger);
}
