using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FakeShop.Container.Tests;

/// <summary>
/// docker/compose.yaml running for real (<see cref="ContainerFixture.ComposeStackAsync"/>): PostgreSQL, the one-shot
/// migration, two web replicas, nginx in front and Prometheus, with images assembled from Debian packages.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed partial class ComposeStackTests(ContainerFixture fixture)
{
    [ContainerFact]
    public async Task Compose_runs_the_migration_once_and_two_web_replicas()
    {
        var stack = await fixture.ComposeStackAsync();

        var migrate = await fixture.ComposeAsync(["ps", "-q", "migrate"]);
        var id = migrate.EnsureSuccess().StandardOutput.Trim();
        var state = await fixture.EngineAsync(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id]);
        Assert.Equal("exited 0", state.EnsureSuccess().StandardOutput.Trim());

        Assert.Equal(2, stack.WebContainers.Count);
        Assert.Equal(2, stack.FrontendAddresses.Values.Distinct().Count());
        Assert.Equal(2, stack.BackendAddresses.Values.Distinct().Count());
        foreach (var container in stack.WebContainers)
        {
            var user = await fixture.EngineAsync(["inspect", "-f", "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}", container]);
            Assert.Equal("1654:1654 true", user.EnsureSuccess().StandardOutput.Trim());
        }
    }

    [ContainerFact]
    public async Task Shop_answers_through_nginx_on_the_published_port()
    {
        var stack = await fixture.ComposeStackAsync();

        using var response = await fixture.Http.GetAsync(new Uri(stack.Proxy, "Shop"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /Shop through nginx -> {(int)response.StatusCode}{Environment.NewLine}{await fixture.ComposeLogsAsync()}");
        Assert.NotEmpty(Products(html));
        // nginx, not Kestrel, answered: the shipped nginx.conf hides its version and refuses /metrics itself.
        Assert.Equal("nginx", response.Headers.Server.ToString());
        using var metrics = await fixture.Http.GetAsync(new Uri(stack.Proxy, "metrics"));
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    [ContainerFact]
    public async Task Cart_made_on_one_replica_is_read_on_the_other()
    {
        var stack = await fixture.ComposeStackAsync();
        var replicas = stack.FrontendAddresses.Values.Order(StringComparer.Ordinal).Select(a => new Uri($"http://{a}:8080/")).ToList();
        Assert.Equal(2, replicas.Count);

        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var catalogue = await http.SendAsync(ToReplica(HttpMethod.Get, replicas[0], "Shop"));
        var shop = WebUtility.HtmlDecode(await catalogue.Content.ReadAsStringAsync());
        Assert.True(catalogue.StatusCode == HttpStatusCode.OK, $"GET /Shop on {replicas[0]} -> {(int)catalogue.StatusCode}: {shop[..Math.Min(shop.Length, 400)]}");
        var (productId, name) = Products(shop).First();

        // Add on replica A: the visitor cookie it sets is sealed with the Data Protection keys in PostgreSQL.
        using var add = ToReplica(HttpMethod.Post, replicas[0], "cart/add");
        add.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = productId, ["quantity"] = "2", ["returnUrl"] = "/cart" });
        using var added = await http.SendAsync(add);
        Assert.True(added.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"POST /cart/add on {replicas[0]} -> {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync()}");
        var visitor = added.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("fs_visitor=", StringComparison.Ordinal))
            : null;
        Assert.False(string.IsNullOrEmpty(visitor), "replica A set no fs_visitor cookie");

        // Read on replica B with nothing but that cookie.
        using var read = ToReplica(HttpMethod.Get, replicas[1], "cart");
        read.Headers.Add("Cookie", visitor);
        using var cart = await http.SendAsync(read);
        var html = WebUtility.HtmlDecode(await cart.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, cart.StatusCode);
        Assert.Contains($">{name}<", html, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"class=""[^""]*\bqty-input\b[^""]*"" value=""2"""), html);

        // Another visitor on replica B sees an empty cart: the line came from the cookie, not from the replica.
        using var stranger = await http.SendAsync(ToReplica(HttpMethod.Get, replicas[1], "cart"));
        Assert.DoesNotContain($">{name}<", WebUtility.HtmlDecode(await stranger.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [ContainerFact]
    public async Task Prometheus_scrapes_both_web_replicas()
    {
        var stack = await fixture.ComposeStackAsync();
        var expected = stack.BackendAddresses.Values.Select(a => $"{a}:9090").Order(StringComparer.Ordinal).ToList();

        List<(string Instance, string Health, string Error)> targets = [];
        var deadline = DateTime.UtcNow.AddSeconds(90);
        do
        {
            using var response = await fixture.Http.GetAsync(new Uri(stack.Prometheus, "api/v1/targets?state=active"));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
            targets = json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Where(t => t.GetProperty("labels").GetProperty("job").GetString() == "fakeshop-web")
                .Select(t => (t.GetProperty("labels").GetProperty("instance").GetString()!, t.GetProperty("health").GetString()!,
                    t.GetProperty("lastError").GetString() ?? string.Empty))
                .ToList();
            if (targets.Count == 2 && targets.All(t => t.Health == "up"))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        while (DateTime.UtcNow < deadline);

        var seen = string.Join("; ", targets.Select(t => $"{t.Instance} {t.Health} {t.Error}"));
        Assert.True(targets.Count == 2 && targets.All(t => t.Health == "up"), $"fakeshop-web targets after 90 s: {seen}");
        Assert.Equal(expected, targets.Select(t => t.Instance).Order(StringComparer.Ordinal));

        // And the samples are the app's own: a counter both replicas export.
        using var query = await fixture.Http.GetAsync(new Uri(stack.Prometheus, "api/v1/query?query=" + Uri.EscapeDataString("count(up{job=\"fakeshop-web\"} == 1)")));
        using var result = JsonDocument.Parse(await query.Content.ReadAsStringAsync());
        var value = result.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString();
        Assert.Equal("2", value);
    }

    /// <summary>A request straight to one replica, with the Host header nginx would pass on.</summary>
    private static HttpRequestMessage ToReplica(HttpMethod method, Uri replica, string path) =>
        new(method, new Uri(replica, path)) { Headers = { Host = ContainerFixture.ComposeHost } };

    /// <summary>(id, name) of the in-stock product cards of a catalogue page.</summary>
    private static List<(string Id, string Name)> Products(string html) =>
        ProductCard().Matches(html).Select(m => (m.Groups["id"].Value, m.Groups["name"].Value.Trim())).ToList();

    // Within one <article>: a sold-out card has no form and must not borrow the next card's.
    [GeneratedRegex(@"data-product-id=""(?<id>\d+)""(?:(?!</article>).)*?class=""stretched-link-off product-name"">(?<name>[^<]+)</a>(?:(?!</article>).)*?name=""productId""", RegexOptions.Singleline)]
    private static partial Regex ProductCard();
}
