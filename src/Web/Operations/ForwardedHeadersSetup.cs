using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FakeShop.Web.Operations;

/// <summary>
/// The proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (docs/operations.md, "Proxies").
/// Comma- or space-separated, so one environment variable holds the list.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Networks in CIDR form, for example <c>10.0.0.0/8</c>. Default: none.</summary>
    public string? KnownNetworks { get; set; }

    /// <summary>Single addresses, for example <c>127.0.0.1</c>. Default: none.</summary>
    public string? KnownProxies { get; set; }
}

/// <summary>
/// Forwarded headers are processed once, by the middleware ShopHost puts first, and believed only from the
/// configured proxies. The host's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) would add a second pass that
/// trusts every client, so it is refused at start-up (options validation) rather than silently combined.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddShopForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddShopOptions<TrustedProxyOptions>(builder.Configuration, TrustedProxyOptions.SectionName)
            .Validate<IConfiguration>(
                (_, configuration) => !string.Equals(configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase),
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set, which trusts X-Forwarded-For from any client; remove it and list the proxies in ForwardedHeaders:KnownNetworks or ForwardedHeaders:KnownProxies.")
            .Validate(o => Split(o.KnownNetworks).All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ForwardedHeaders:KnownNetworks must list networks such as 10.0.0.0/8, separated by commas.")
            .Validate(o => Split(o.KnownProxies).All(p => IPAddress.TryParse(p, out _)),
                "ForwardedHeaders:KnownProxies must list IP addresses such as 10.0.0.5, separated by commas.");
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((o, options) =>
        {
            // Entries that do not parse stop the app at start-up (the validation above); none is silently skipped.
            var trusted = options.Value;
            var networks = Split(trusted.KnownNetworks).Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : (System.Net.IPNetwork?)null).OfType<System.Net.IPNetwork>().ToList();
            var proxies = Split(trusted.KnownProxies).Select(p => IPAddress.TryParse(p, out var address) ? address : null).OfType<IPAddress>().ToList();

            // With both lists empty the middleware stops checking the sender and believes everyone, so "no proxy
            // configured" must mean "no forwarded headers at all".
            o.ForwardedHeaders = networks.Count + proxies.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }

            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }

    private static string[] Split(string? text) =>
        (text ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
