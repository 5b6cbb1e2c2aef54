using System.Net;
using FakeShop.Operations.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FakeShop.Operations.Tests;

/// <summary>Issue 5: security headers on every page, HSTS only over HTTPS, and the per-client rate limit.</summary>
public sealed class SecurityHeadersTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Pages_carry_a_strict_csp_and_the_other_security_headers_and_hsts_only_over_https()
    {
        await using var factory = new ShopFactory("Postgres", await pg.Server.CreateDatabaseAsync("ops_headers"), settings: new Dictionary<string, string?>
        {
            // Production pipeline (HSTS is off in Development), without the drain delay.
            ["environment"] = "Production",
            ["Shutdown:DrainSeconds"] = "0",
        });
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://shop.example.com") });

        using var page = await http.GetAsync("/shop");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = Header(page, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(page, "Referrer-Policy"));
        Assert.False(page.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
        // The page itself has no inline script for the CSP to block.
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", await page.Content.ReadAsStringAsync());

        using var https = new HttpRequestMessage(HttpMethod.Get, "/shop");
        https.Headers.Add("X-Forwarded-Proto", "https");
        using var secure = await http.SendAsync(https);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Contains("max-age=", Header(secure, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_requests_from_one_client_get_the_friendly_429_page_with_retry_after_and_others_are_not_affected()
    {
        const int permits = 5;
        await using var factory = new ShopFactory("Postgres", await pg.Server.CreateDatabaseAsync("ops_ratelimit"), settings: new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerMinute"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.True(await factory.PageCacheInUseAsync(), "the catalogue change listener did not connect");

        for (var i = 0; i < permits; i++)
        {
            // Each a different page: rendered, so counted (a page-cache hit is not, like a static file).
            using var ok = await SendAsync(http, "/shop?sort=name&n=" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var css = await SendAsync(http, "/css/site.css", "203.0.113.7"); // static files are not counted
        }

        using var limited = await SendAsync(http, "/shop?sort=name&n=limited", "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(Header(limited, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var body = await limited.Content.ReadAsStringAsync();
        Assert.Contains("id=\"status-title\"", body, StringComparison.Ordinal);
        Assert.Contains("text/html", limited.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header(limited, "Content-Security-Policy"), StringComparison.Ordinal);

        // A page already in the page cache costs next to nothing and is still answered (docs/decisions/0007).
        using (var cached = await SendAsync(http, "/shop?sort=name&n=0", "203.0.113.7"))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        // Another client (after forwarded headers) still gets in; probes and scrapes are never limited.
        using (var other = await SendAsync(http, "/shop", "203.0.113.8"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
        {
            using var exempt = await SendAsync(http, path, "203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, exempt.StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string clientIp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", clientIp);
        return await http.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header (status {(int)response.StatusCode})");
}
