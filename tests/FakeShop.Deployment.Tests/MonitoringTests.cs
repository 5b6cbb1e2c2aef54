using System.Text.Json.Nodes;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>Prometheus scrape config and the provisioned Grafana dashboard for the compose stack.</summary>
public sealed class MonitoringTests
{
    private static string ComposeDir => RepoPaths.Combine("docker", "compose");

    private static JsonObject ComposeService(string name) => Yaml.LoadSingle(RepoPaths.ComposeFile).Obj("services", name);

    [Fact]
    public void Prometheus_discovers_the_web_replicas_by_dns_on_the_metrics_port()
    {
        var config = Yaml.LoadSingle(Path.Combine(ComposeDir, "prometheus.yml"));
        var job = config.Arr("scrape_configs").Cast<JsonObject>().Single(j => j.Str("job_name") == "fakeshop-web");
        Assert.Equal("/metrics", job.Str("metrics_path"));

        var sd = job.Arr("dns_sd_configs").Cast<JsonObject>().Single();
        Assert.Equal("A", sd.Str("type"));
        Assert.Equal(["web"], sd.Strings("names"));
        var metricsPort = ComposeService("web").Str("environment", "Metrics__Port");
        Assert.Equal(metricsPort, sd.Scalar("port"));
        Assert.NotEqual("8080", metricsPort);
    }

    [Fact]
    public void Prometheus_and_the_web_replicas_share_a_network()
    {
        var prometheus = ComposeService("prometheus").Strings("networks");
        var web = ComposeService("web").Strings("networks");
        Assert.NotEmpty(prometheus.Intersect(web));
        Assert.Contains("./compose/prometheus.yml:/etc/prometheus/prometheus.yml:ro", ComposeService("prometheus").Strings("volumes"));
    }

    [Fact]
    public void Grafana_datasource_is_the_compose_prometheus()
    {
        var dir = Path.Combine(ComposeDir, "grafana", "provisioning", "datasources");
        var sources = Directory.EnumerateFiles(dir, "*.yaml").SelectMany(f => Yaml.LoadSingle(f).Arr("datasources").Cast<JsonObject>()).ToList();
        var prometheus = Assert.Single(sources);
        Assert.Equal("prometheus", prometheus.Str("type"));
        Assert.Equal("http://prometheus:9090", prometheus.Str("url"));
        Assert.Equal("prometheus", prometheus.Str("uid"));
    }

    [Fact]
    public void Grafana_dashboard_provider_reads_the_folder_where_compose_mounts_the_json()
    {
        var dir = Path.Combine(ComposeDir, "grafana", "provisioning", "dashboards");
        var provider = Directory.EnumerateFiles(dir, "*.yaml").SelectMany(f => Yaml.LoadSingle(f).Arr("providers").Cast<JsonObject>()).Single();
        var path = provider.Str("options", "path");

        var mount = ComposeService("grafana").Strings("volumes").Single(v => v.Split(':').ElementAtOrDefault(1) == path);
        var hostDir = Path.GetFullPath(Path.Combine(RepoPaths.Combine("docker"), mount.Split(':')[0]));
        Assert.NotEmpty(Directory.EnumerateFiles(hostDir, "*.json"));
        Assert.Contains("./compose/grafana/provisioning:/etc/grafana/provisioning:ro", ComposeService("grafana").Strings("volumes"));
    }

    [Theory]
    [InlineData("Requests per second", "rate(http_server_request_duration_seconds_count")]
    [InlineData("p95 latency", "histogram_quantile(0.95, sum by (le")]
    [InlineData("p95 latency", "http_server_request_duration_seconds_bucket")]
    [InlineData("Error rate (5xx share)", "http_response_status_code=~\"5..\"")]
    [InlineData("Error rate (5xx share)", ") / ")]
    [InlineData("Orders and revenue", "fakeshop_orders_placed_total")]
    [InlineData("Orders and revenue", "__name__=~\"fakeshop_order_value.*_total\"")]
    [InlineData("DB time", "db_client_operation_duration_seconds")]
    public void Dashboard_panel_queries_the_expected_metric(string title, string expected)
    {
        var panel = Panels().SingleOrDefault(p => p.Str("title") == title);
        Assert.True(panel is not null, $"dashboard has no panel titled '{title}'");
        var exprs = panel.Arr("targets").Cast<JsonObject>().Select(t => t.Str("expr")).ToList();
        Assert.Contains(exprs, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_panels_use_the_provisioned_datasource_and_balanced_queries()
    {
        var panels = Panels();
        Assert.True(panels.Count >= 5);
        Assert.Equal(panels.Count, panels.Select(p => p.Int("id")).Distinct().Count());
        Assert.All(panels, p =>
        {
            Assert.Equal("prometheus", p.Str("datasource", "uid"));
            Assert.All(p.Arr("targets").Cast<JsonObject>(), t =>
            {
                var expr = t.Str("expr");
                Assert.Equal(expr.Count(c => c == '('), expr.Count(c => c == ')'));
                Assert.Equal(expr.Count(c => c == '{'), expr.Count(c => c == '}'));
                Assert.DoesNotContain("fakeshop_order_value_total", expr, StringComparison.Ordinal);
            });
        });
    }

    private static List<JsonObject> Panels()
    {
        var file = Directory.EnumerateFiles(Path.Combine(ComposeDir, "grafana", "dashboards"), "*.json").Single();
        var dashboard = JsonNode.Parse(File.ReadAllText(file));
        Assert.NotNull(dashboard);
        Assert.Equal("fakeshop-overview", dashboard.Str("uid"));
        return dashboard.Arr("panels").Cast<JsonObject>().ToList();
    }
}
