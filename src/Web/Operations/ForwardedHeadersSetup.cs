using System.Net;
using FakeShop.Infrastructure.Database;
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
/// trusts every client, so it is refused at start-up rather than silently combined.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddShopForwardedHeaders(this WebApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set, which trusts X-Forwarded-For from any client; remove it and list the proxies in ForwardedHeaders:KnownNetworks or ForwardedHeaders:KnownProxies.");
        }

        var section = builder.Configuration.GetSection(TrustedProxyOptions.SectionName);
        var trusted = section.Get<TrustedProxyOptions>() ?? new TrustedProxyOptions();
        var networks = Split(trusted.KnownNetworks).Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new ConfigurationException($"ForwardedHeaders:KnownNetworks contains '{n}', which is not a network such as 10.0.0.0/8.")).ToList();
        var proxies = Split(trusted.KnownProxies).Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new ConfigurationException($"ForwardedHeaders:KnownProxies contains '{p}', which is not an IP address.")).ToList();

        builder.Services.AddOptions<TrustedProxyOptions>().Bind(section).ValidateOnStart();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
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
