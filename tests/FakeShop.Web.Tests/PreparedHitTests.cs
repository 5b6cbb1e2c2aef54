using System.Diagnostics;
using System.Globalization;
using System.Net;
using FakeShop.Web.Caching;
using FakeShop.Web.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Tests;

/// <summary>
/// A prepared page is answered ahead of the cookie policy, the no-store check, the security headers' callback and HSTS
/// (ADR 30): the answer must still carry every header those give a catalogue page, and anything it cannot answer
/// alone (a flash message waiting, a page not prepared yet) must go on down the pipeline.
/// </summary>
public sealed class PreparedHitTests(WebFixture app) : WebTest(app)
{
    // Set per answer by the server or by what the answer is (a hit says how old it is): not a header a middleware adds.
    private static readonly string[] PerAnswer = ["Age", "Date"];

    [Theory]
    [MemberData(nameof(PageCacheTests.PublicPages), MemberType = typeof(PageCacheTests))]
    public async Task A_prepared_hit_carries_every_header_the_rendered_page_had(string url)
    {
        Assert.True(await App.Factory.PageCacheInUseAsync(), "the catalogue change listener did not connect");
        var first = NewVisitor();
        await first.GetAsync(url);
        Assert.False(first.LastResponse!.Headers.Contains("Age"), "the first request is rendered");
        var rendered = first.LastResponse;

        var next = NewVisitor();
        await next.GetAsync(url);
        var hit = next.LastResponse!;
        Assert.True(hit.Headers.Contains("Age"), "the second comes from the prepared page");

        Assert.Equal(Headers(rendered), Headers(hit));
        Assert.Equal(rendered.Content.Headers.ContentType, hit.Content.Headers.ContentType);
    }

    [Theory]
    [InlineData("https", "shop.example", true)]
    [InlineData("http", "shop.example", false)]
    [InlineData("https", "localhost", false)] // the framework's excluded hosts
    public async Task Outside_development_a_prepared_hit_gets_the_hsts_header_exactly_as_UseHsts_would_give_it(string scheme, string host, bool expected)
    {
        await PrepareAsync("/shop");
        var services = App.Factory.Services;
        var middleware = Middleware(services, "Production", _ => throw new Xunit.Sdk.XunitException("a prepared hit went down the pipeline"));
        var http = Request("/shop", scheme, host);

        await WithShopCulture(() => middleware.InvokeAsync(http));

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.True(http.Response.Headers.ContainsKey("Age"));
        Assert.Equal("DENY", http.Response.Headers.XFrameOptions.ToString());
        Assert.Contains("frame-ancestors 'none'", http.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        var framework = Request("/shop", scheme, host);
        await new HstsMiddleware(_ => Task.CompletedTask, services.GetRequiredService<IOptions<HstsOptions>>(), services.GetRequiredService<ILoggerFactory>())
            .Invoke(framework);
        Assert.Equal(expected, http.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal(framework.Response.Headers.StrictTransportSecurity.ToString(), http.Response.Headers.StrictTransportSecurity.ToString());
        Assert.True(((MemoryStream)http.Response.Body).Length > 1000, "the page was written");
    }

    [Theory]
    [InlineData("/shop", "fs_flash=x")] // a flash message: TempData and a cookie deletion, which the cookie policy must see
    [InlineData("/shop", "somebody_else=1")] // a cookie the page cache does not know
    [InlineData("/shop?never=prepared", null)]
    [InlineData("/cart", null)]
    public async Task What_a_prepared_page_cannot_answer_alone_goes_on_down_the_pipeline(string url, string? cookie)
    {
        await PrepareAsync("/shop");
        var passedOn = false;
        var middleware = Middleware(App.Factory.Services, "Production", _ =>
        {
            passedOn = true;
            return Task.CompletedTask;
        });
        var http = Request(url, "http", "shop.example");
        if (cookie is not null)
        {
            http.Request.Headers.Cookie = cookie;
        }

        await WithShopCulture(() => middleware.InvokeAsync(http));

        Assert.True(passedOn);
        Assert.False(http.Response.Headers.ContainsKey("Age"));
    }

    [Fact]
    public async Task Without_a_span_exporter_the_request_activity_keeps_its_trace_id_but_carries_no_attributes()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // Our own trace id (a caller's traceparent is honoured): other tests' hosts in this process start activities too.
        const string traceId = "5cf92f3577b34da6a3ce929d0e0e4736";
        var visitor = NewVisitor();
        visitor.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        await visitor.GetAsync("/shop?q=attributes");

        Activity request;
        lock (stopped)
        {
            request = Assert.Single(stopped, a => a.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn" && a.TraceId.ToHexString() == traceId);
        }

        Assert.Empty(request.TagObjects); // url.path, server.address, http.request.method, ... left out (ADR 30)
    }

    private async Task PrepareAsync(string url)
    {
        Assert.True(await App.Factory.PageCacheInUseAsync(), "the catalogue change listener did not connect");
        var visitor = NewVisitor();
        await visitor.GetAsync(url);
        await visitor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        Assert.True(visitor.LastResponse!.Headers.Contains("Age"));
    }

    private static PreparedHitMiddleware Middleware(IServiceProvider services, string environment, RequestDelegate next) =>
        new(next, services.GetRequiredService<CartCountCookie>(), services.GetRequiredService<PageCachePolicy>(),
            services.GetRequiredService<PreparedPages>(), services.GetRequiredService<CatalogGeneration>(),
            services.GetRequiredService<PageCacheMetrics>(), new HostEnvironment(environment),
            services.GetRequiredService<IOptions<HstsOptions>>(), services.GetRequiredService<ILoggerFactory>());

    private static DefaultHttpContext Request(string url, string scheme, string host)
    {
        var http = new DefaultHttpContext();
        var query = url.IndexOf('?', StringComparison.Ordinal);
        http.Request.Method = HttpMethods.Get;
        http.Request.Scheme = scheme;
        http.Request.Host = new HostString(host);
        http.Request.Path = query < 0 ? url : url[..query];
        http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(url[query..]);
        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>The language the culture middleware chooses for a visitor who says nothing: part of the page's key.</summary>
    private static async Task WithShopCulture(Func<Task> action)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(ShopCultures.Portuguese);
        try
        {
            await action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    private static List<string> Headers(HttpResponseMessage response) =>
        [.. response.Headers.Where(h => !PerAnswer.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .Select(h => h.Key.ToLowerInvariant() + ": " + string.Join(", ", h.Value)).Order(StringComparer.Ordinal)];

    private sealed class HostEnvironment(string name) : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "FakeShop.Web";

        public string WebRootPath { get; set; } = string.Empty;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = string.Empty;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
