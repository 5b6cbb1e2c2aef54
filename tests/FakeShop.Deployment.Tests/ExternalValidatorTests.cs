using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>
/// The real parsers of nginx and Prometheus, run on our files when the tools are installed
/// (Debian: nginx-light, prometheus). A missing tool fails the test with the package to install.
/// </summary>
public sealed class ExternalValidatorTests
{
    [Fact]
    public void Promtool_accepts_the_prometheus_config()
    {
        var promtool = Tools.Require("promtool");

        Tools.Run(promtool, "check", "config", RepoPaths.Combine("docker", "compose", "prometheus.yml"));
    }

    [Fact]
    public void Promtool_parses_every_dashboard_query()
    {
        var promtool = Tools.Require("promtool");

        // promtool has no bare PromQL check, but a recording rule's expr is fully parsed.
        var dashboard = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("docker", "compose", "grafana", "dashboards", "fakeshop.json")))!;
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        var count = 0;
        foreach (var panel in dashboard.Arr("panels").Cast<JsonObject>())
        {
            foreach (var target in panel.Arr("targets").Cast<JsonObject>())
            {
                var expr = target.Str("expr").Replace("$__rate_interval", "5m", StringComparison.Ordinal).Replace("$job", ".*", StringComparison.Ordinal);
                rules.Append(CultureInfo.InvariantCulture, $"      - record: dashboard:q{count++}\n        expr: '{expr.Replace("'", "''", StringComparison.Ordinal)}'\n");
            }
        }

        var file = Path.Combine(Path.GetTempPath(), $"fakeshop-dashboard-{Guid.NewGuid():N}.rules.yml");
        try
        {
            File.WriteAllText(file, rules.ToString());
            var output = Tools.Run(promtool, "check", "rules", file);
            Assert.Contains($"{count} rules found", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Nginx_accepts_the_proxy_config()
    {
        var nginx = Tools.Require("nginx");

        // Same config, with the pid file and the temp directories (on compose's /tmp tmpfs) moved to a writable
        // prefix; `-t` only parses and creates the temp directories, it starts nothing.
        var prefix = Directory.CreateTempSubdirectory("fakeshop-nginx-").FullName;
        try
        {
            var conf = File.ReadAllText(RepoPaths.Combine("docker", "compose", "nginx.conf"))
                .Replace("/tmp/", $"{prefix}/", StringComparison.Ordinal);
            var path = Path.Combine(prefix, "nginx.conf");
            File.WriteAllText(path, conf);
            Tools.Run(nginx, "-q", "-t", "-p", prefix + "/", "-c", path);
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }
}
