using System.Diagnostics;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FakeShop.Operations.Tests.Support;
using Npgsql;

namespace FakeShop.Operations.Tests;

/// <summary>
/// Issue 5, lifecycle: SIGTERM while requests are in flight. Readiness fails first (during the drain delay), every
/// request already started completes, and the process exits 0.
/// </summary>
public sealed class GracefulShutdownTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const int Requests = 10;

    [Fact]
    public async Task Sigterm_fails_readiness_first_lets_in_flight_requests_finish_and_exits_zero()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_shutdown");
        var environment = AppProcess.PostgresEnvironment(cs);
        environment["Shutdown__DrainSeconds"] = "2";
        environment["Shutdown__TimeoutSeconds"] = "30";
        await using var app = AppProcess.Start(environment);
        await app.WaitUntilReadyAsync();

        // Ten visitors, each with the product page's "add to cart" form ready to post (to /cart/add; no token needed).
        var visitors = new List<(HttpClient Http, string Body)>();
        for (var i = 0; i < Requests; i++)
        {
            var http = app.NewClient();
            var page = await new HtmlClient(http).GetAsync($"/product/{Shopper.Product}");
            var form = page.QuerySelector<IHtmlFormElement>("#add-to-cart")!;
            var body = await new FormUrlEncodedContent(HtmlClient.FormFields(form)).ReadAsStringAsync();
            visitors.Add((http, body));
        }

        // Each request sends its headers and half its body, then the rest only after SIGTERM and the drain delay,
        // so all ten are still in flight when Kestrel itself stops.
        var pause = TimeSpan.FromSeconds(4);
        var started = visitors.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var posts = visitors.Select((v, i) => v.Http.PostAsync("/cart/add", new SlowFormContent(v.Body, pause, started[i]))).ToList();
        await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(TimeSpan.FromSeconds(20));
        // From here every request still has its whole pause ahead (the last first half was just sent).
        var inFlight = Stopwatch.StartNew();
        await Task.Delay(300);

        var clock = Stopwatch.StartNew();
        await app.TerminateAsync();

        // During the drain the listener is still open and readiness says 503, so a load balancer moves traffic away.
        var sawNotReady = false;
        using (var probe = app.NewClient())
        {
            while (!sawNotReady && clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                try
                {
                    using var ready = await probe.GetAsync("/health/ready");
                    sawNotReady = ready.StatusCode == HttpStatusCode.ServiceUnavailable;
                    await Task.Delay(50);
                }
                catch (HttpRequestException)
                {
                    break;
                }
            }
        }

        Assert.True(sawNotReady, "readiness should turn 503 right after SIGTERM, while the app still serves");

        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        // Measured from the moment all ten were in flight, not from SIGTERM (300 ms later): a fast handler lets the app
        // exit right after the last body arrives, and that is still waiting for the requests.
        Assert.True(inFlight.Elapsed >= pause - TimeSpan.FromMilliseconds(100), $"the app should have waited for the requests ({inFlight.Elapsed.TotalSeconds:F2} s)");

        // Every slow request really did its work (a redirect alone could be a friendly failure).
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM cart_lines", conn);
        Assert.Equal(Requests, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));

        foreach (var (http, _) in visitors)
        {
            http.Dispose();
        }
    }

    /// <summary>A form body sent in two halves with a pause between: a request that is in flight for a while.</summary>
    private sealed class SlowFormContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TimeSpan _pause;
        private readonly TaskCompletionSource _firstHalfSent;

        public SlowFormContent(string body, TimeSpan pause, TaskCompletionSource firstHalfSent)
        {
            _bytes = Encoding.UTF8.GetBytes(body);
            _pause = pause;
            _firstHalfSent = firstHalfSent;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            _firstHalfSent.TrySetResult();
            await Task.Delay(_pause);
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
