using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using FakeShop.Application.Common;
using FakeShop.Operations.Tests.Support;

namespace FakeShop.Operations.Tests;

public sealed class MetricsFixture : ShopAppFixture
{
    protected override string DatabaseName => "ops_metrics";
}

/// <summary>Issue 5, telemetry: what Prometheus sees after real checkouts through the pages.</summary>
public sealed partial class MetricsTests(MetricsFixture app) : IClassFixture<MetricsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_checkout_increments_the_shop_counters_and_records_the_http_histogram_by_route()
    {
        using var scraper = app.Factory.CreateClient();
        var before = await Prometheus.ScrapeAsync(scraper);

        var visitor = app.NewVisitor();
        await Shopper.AddToCartAsync(visitor);
        await Shopper.CheckoutAsync(visitor);
        Assert.True(Shopper.IsOrderPage(visitor), "the checkout should end on the order page");

        var after = await Prometheus.ScrapeAsync(scraper);
        Assert.Equal(1, Delta(before, after, "fakeshop_orders_placed_total"));
        Assert.Equal((double)(Shopper.ProductPrice + 10.00m), Delta(before, after, OrderValueMetric(after)), precision: 2);
        Assert.Equal(1, Delta(before, after, "fakeshop_cart_additions_total"));
        Assert.Equal(0, Delta(before, after, "fakeshop_payment_declines_total"));

        // Requests by route template and status: the checkout POST and the product page are both there.
        Assert.True(after.Has("http_server_request_duration_seconds_bucket", "http_route=\"checkout\"", "http_request_method=\"POST\""), Names(after));
        Assert.True(after.Has("http_server_request_duration_seconds_count", "http_route=\"product/{slug}\"", "http_response_status_code=\"200\""), Names(after));
        // .NET runtime and database client metrics are exported too.
        Assert.Contains(after.Samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(after.Samples, s => s.Name.StartsWith("db_client_", StringComparison.Ordinal));
        // Per-request instruments nothing reads are not recorded (each costs a lock per request, issue 16).
        Assert.DoesNotContain(after.Samples, s => s.Name.StartsWith("http_server_active_requests", StringComparison.Ordinal));
        Assert.DoesNotContain(after.Samples, s => s.Name.StartsWith("aspnetcore_routing_match_attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_declined_card_counts_a_decline_and_a_checkout_failure_by_reason_but_no_order()
    {
        using var scraper = app.Factory.CreateClient();
        var before = await Prometheus.ScrapeAsync(scraper);

        var visitor = app.NewVisitor();
        await Shopper.AddToCartAsync(visitor);
        await Shopper.CheckoutAsync(visitor, Shopper.DeclinedCard);
        Assert.False(Shopper.IsOrderPage(visitor));

        var after = await Prometheus.ScrapeAsync(scraper);
        Assert.Equal(1, Delta(before, after, "fakeshop_payment_declines_total"));
        Assert.Equal(1, Delta(before, after, "fakeshop_checkout_failures_total", "reason=\"payment_declined\""));
        Assert.Equal(0, Delta(before, after, "fakeshop_orders_placed_total"));
    }

    [Fact]
    public async Task No_label_carries_an_email_an_id_an_order_number_or_a_slug()
    {
        var visitor = app.NewVisitor();
        await Shopper.AddToCartAsync(visitor);
        await Shopper.CheckoutAsync(visitor);
        Assert.True(Shopper.IsOrderPage(visitor));
        var orderNumber = visitor.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath["/orders/".Length..];
        await visitor.GetAsync($"/orders/{orderNumber}");
        Assert.Equal(HttpStatusCode.OK, visitor.Status);
        var declined = app.NewVisitor();
        await Shopper.AddToCartAsync(declined);
        await Shopper.CheckoutAsync(declined, Shopper.DeclinedCard);

        using var scraper = app.Factory.CreateClient();
        var scrape = await Prometheus.ScrapeAsync(scraper);
        // target_info describes the process (its random service_instance_id included), not a request.
        var values = scrape.Samples.Where(s => s.Name != "target_info").SelectMany(s => Prometheus.LabelValuesOf(s.Labels)).Distinct().ToList();

        Assert.Contains("orders/{number}", values, StringComparer.OrdinalIgnoreCase); // the labels were really read
        Assert.DoesNotContain(values, v => v.Contains('@', StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => Guid().IsMatch(v));
        Assert.DoesNotContain(values, v => v.Contains(orderNumber, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(values, v => v.Contains(Shopper.Product, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains("4111", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_instrument_keeps_a_bounded_number_of_tag_sets_and_sums_the_rest_as_overflow()
    {
        // OpenTelemetry allocates every instrument's series up front (2,000 by default); the shop bounds them (issue 16,
        // memory): 1,000 for the http.* request histograms, 100 for everything else. An instrument on the shop's meter,
        // fed 150 tag sets here, shows where the bound is.
        using var meter = new Meter(ShopMetrics.MeterName);
        var shopCounter = meter.CreateCounter<long>("fakeshop.test.tag_sets");
        var httpCounter = meter.CreateCounter<long>("http.test.tag_sets");
        for (var i = 0; i < 150; i++)
        {
            shopCounter.Add(1, new KeyValuePair<string, object?>("n", i));
            httpCounter.Add(1, new KeyValuePair<string, object?>("n", i));
        }

        using var scraper = app.Factory.CreateClient();
        var scrape = await Prometheus.ScrapeAsync(scraper);
        var shopSeries = scrape.Samples.Where(s => s.Name == "fakeshop_test_tag_sets_total").ToList();
        var httpSeries = scrape.Samples.Where(s => s.Name == "http_test_tag_sets_total").ToList();

        Assert.Equal(150, scrape.Sum("fakeshop_test_tag_sets_total")); // nothing lost: the rest is counted in the overflow series
        Assert.Equal(100, shopSeries.Count(s => !s.Labels.Contains("otel_metric_overflow", StringComparison.Ordinal)));
        Assert.Single(shopSeries, s => s.Labels.Contains("otel_metric_overflow=\"true\"", StringComparison.Ordinal));
        Assert.Equal(150, httpSeries.Count);
        Assert.DoesNotContain(httpSeries, s => s.Labels.Contains("otel_metric_overflow", StringComparison.Ordinal));
    }

    private static double Delta(Prometheus before, Prometheus after, string name, params string[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static string OrderValueMetric(Prometheus scrape) =>
        scrape.Samples.Select(s => s.Name).FirstOrDefault(n => n.StartsWith("fakeshop_order_value", StringComparison.Ordinal) && n.EndsWith("_total", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("No fakeshop_order_value counter in the scrape:\n" + Names(scrape));

    private static string Names(Prometheus scrape) => string.Join('\n', scrape.Samples.Select(s => s.Name).Distinct().Order());

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
