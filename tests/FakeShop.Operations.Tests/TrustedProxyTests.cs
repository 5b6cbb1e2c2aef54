using System.Net;
using FakeShop.Operations.Tests.Support;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 14: X-Forwarded-For is believed only from ForwardedHeaders:KnownProxies/KnownNetworks, and the rate-limit
/// partitions use the address that results. Over real sockets (the app as a process), since an in-memory test server
/// has no client address at all.
/// </summary>
public sealed class TrustedProxyTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const int LoginPermits = 3;

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_untrusted_client_does_not_escape_the_login_limit()
    {
        await using var app = await StartAsync("ops_proxy_untrusted", trustLoopback: false);
        using var http = app.NewClient();

        for (var i = 0; i < LoginPermits; i++)
        {
            using var allowed = await PostLoginAsync(http, $"198.51.100.{i}");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        // A new made-up address on every request changes nothing: the client is the socket's address.
        using var limited = await PostLoginAsync(http, "198.51.100.250");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task Through_a_trusted_proxy_the_real_client_is_limited_and_another_client_is_not()
    {
        await using var app = await StartAsync("ops_proxy_trusted", trustLoopback: true);
        using var http = app.NewClient();

        for (var i = 0; i < LoginPermits; i++)
        {
            using var allowed = await PostLoginAsync(http, "203.0.113.10");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using (var limited = await PostLoginAsync(http, "203.0.113.10"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        // The same proxy connection, another client behind it.
        using (var other = await PostLoginAsync(http, "203.0.113.11"))
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
        }

        // X-Forwarded-Proto from the trusted proxy makes the request HTTPS: cookies come back Secure.
        using var https = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        https.Headers.Add("X-Forwarded-For", "203.0.113.12");
        https.Headers.Add("X-Forwarded-Proto", "https");
        using var page = await http.SendAsync(https);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<AppProcess> StartAsync(string database, bool trustLoopback)
    {
        var environment = AppProcess.PostgresEnvironment(await pg.Server.CreateDatabaseAsync(database));
        environment["RateLimiting__LoginPermitsPerMinute"] = LoginPermits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["ForwardedHeaders__KnownProxies"] = trustLoopback ? "127.0.0.1" : null;
        var app = AppProcess.Start(environment);
        await app.WaitUntilReadyAsync();
        return app;
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string forwardedFor)
    {
        // The limiter runs before the page, so a post without an antiforgery token counts like any other.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.com", ["Input.Password"] = "Whatever#12345" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await http.SendAsync(request);
    }
}
