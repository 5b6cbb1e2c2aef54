using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>docker/compose.yaml: services, start order, hardening, configuration and secrets.</summary>
public sealed partial class ComposeTests
{
    private const string ImageVariable = "${SHOP_IMAGE:-127.0.0.1:5000/fakeshop/web:latest}";

    private static readonly Lazy<JsonObject> LazyCompose = new(() => Yaml.LoadSingle(RepoPaths.ComposeFile));

    private static JsonObject Compose => LazyCompose.Value;

    private static JsonObject Service(string name) => Compose.Obj("services", name);

    [Fact]
    public void Compose_defines_the_whole_stack()
    {
        Assert.Equal(
            ["grafana", "migrate", "postgres", "prometheus", "proxy", "web"],
            Compose.Obj("services").Select(kv => kv.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Postgres_is_15_with_a_named_volume_and_a_pg_isready_healthcheck()
    {
        var pg = Service("postgres");
        Assert.Matches("^postgres:15([.-].*)?$", DefaultImage(pg, "POSTGRES_IMAGE"));

        var volume = pg.Strings("volumes").Single();
        var name = volume.Split(':')[0];
        Assert.Equal("/var/lib/postgresql/data", volume.Split(':')[1]);
        Assert.True(Compose.Obj("volumes").ContainsKey(name), $"volume {name} must be a declared named volume");

        var test = pg.Strings("healthcheck", "test");
        Assert.Contains(test, t => t.Contains("pg_isready", StringComparison.Ordinal));
        Assert.Equal("${DB_PASSWORD:?set DB_PASSWORD in .env}", pg.Str("environment", "POSTGRES_PASSWORD"));
    }

    [Fact]
    public void Migrate_is_a_one_shot_of_the_app_image_after_postgres_is_healthy()
    {
        var migrate = Service("migrate");
        Assert.Equal(ImageVariable, migrate.Str("image"));
        Assert.Equal(["migrate"], migrate.Strings("command"));
        Assert.Equal("no", migrate.Str("restart"));
        Assert.Equal("service_healthy", migrate.Str("depends_on", "postgres", "condition"));
        Assert.Null(migrate["deploy"]);
    }

    [Fact]
    public void Web_runs_two_replicas_of_the_app_image_after_the_migration_succeeded()
    {
        var web = Service("web");
        Assert.Equal(ImageVariable, web.Str("image"));
        Assert.Equal(2, web.Int("deploy", "replicas"));
        // docs/operations.md's sizing rule against PostgreSQL's default max_connections (100).
        var pool = int.Parse(web.StringMap("environment")["Database__MaxPoolSize"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(web.Int("deploy", "replicas") * (pool + 1) + 1 + 3 < 100);
        Assert.Equal("service_completed_successfully", web.Str("depends_on", "migrate", "condition"));
        Assert.Null(web["container_name"]);
        Assert.Null(web["ports"]);
        Assert.True(web.Bool("healthcheck", "disable"), "the distroless image has no shell for a healthcheck; disable it explicitly");
    }

    [Theory]
    [InlineData("web")]
    [InlineData("migrate")]
    public void App_containers_are_hardened(string name)
    {
        var s = Service(name);
        Assert.True(s.Bool("read_only"));
        Assert.Equal("1654:1654", s.Str("user"));
        Assert.Equal(["ALL"], s.Strings("cap_drop"));
        Assert.Contains(s.Strings("security_opt"), o => o is "no-new-privileges:true" or "no-new-privileges");
        Assert.Contains(s.Strings("tmpfs"), t => t == "/tmp" || t.StartsWith("/tmp:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("migrate")]
    public void App_is_configured_with_the_original_db_variables_and_production_settings(string name)
    {
        var env = Service(name).StringMap("environment");
        Assert.Equal("postgres", env["DB_HOST"]);
        Assert.Equal("5432", env["DB_PORT"]);
        Assert.Equal("${DB_PASSWORD:?set DB_PASSWORD in .env}", env["DB_PASSWORD"]);
        Assert.Equal(Service("postgres").Str("environment", "POSTGRES_USER"), env["DB_USER"]);
        Assert.Equal(Service("postgres").Str("environment", "POSTGRES_DB"), env["DB_NAME"]);
        Assert.Equal("Postgres", env["Database__Provider"]);
        Assert.Equal("false", env["Database__MigrateOnStartup"]);
        Assert.Equal("Production", env["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("8080", env["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("9090", env["Metrics__Port"]);
        Assert.DoesNotContain("ConnectionStrings__Shop", env.Keys);
    }

    [Fact]
    public void Only_the_migration_gets_the_admin_credentials_and_they_are_required()
    {
        var migrate = Service("migrate").StringMap("environment");
        Assert.Matches(RequiredVariable(), migrate["Admin__Email"]);
        Assert.Matches(RequiredVariable(), migrate["Admin__Password"]);
        Assert.DoesNotContain("Admin__Password", Service("web").StringMap("environment").Keys);
    }

    [Fact]
    public void Every_password_in_compose_is_a_required_variable_never_a_literal()
    {
        var secrets = Compose.Descendants()
            .Where(x => x.Key is not null && x.Key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) && x.Node is JsonValue)
            .Select(x => (x.Key, Value: x.Node.Scalar()))
            .ToList();
        Assert.True(secrets.Count >= 4, "expected DB, admin and Grafana passwords");
        Assert.All(secrets, s => Assert.Matches(RequiredVariable(), s.Value));
    }

    [Fact]
    public void Env_example_lists_every_required_variable_with_placeholders_only()
    {
        var example = File.ReadAllLines(RepoPaths.Combine("docker", ".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

        var required = RequiredVariable().Matches(File.ReadAllText(RepoPaths.ComposeFile)).Select(m => m.Groups["name"].Value).ToHashSet();
        Assert.Contains("DB_PASSWORD", required);
        Assert.All(required, v => Assert.True(example.ContainsKey(v), $".env.example lacks {v}"));
        Assert.All(example.Where(kv => kv.Key.Contains("PASSWORD", StringComparison.Ordinal)), kv => Assert.Equal("CHANGE_ME", kv.Value));

        var ignore = File.ReadAllLines(RepoPaths.Combine("docker", ".gitignore"));
        Assert.Contains(".env", ignore);
    }

    [Fact]
    public void Proxy_is_the_only_public_entry_and_mounts_its_config()
    {
        var proxy = Service("proxy");
        Assert.StartsWith("nginx:", DefaultImage(proxy, "NGINX_IMAGE"), StringComparison.Ordinal);
        Assert.EndsWith(":80", proxy.Strings("ports").Single(), StringComparison.Ordinal);
        Assert.Contains("./compose/nginx.conf:/etc/nginx/nginx.conf:ro", proxy.Strings("volumes"));

        // Monitoring UIs are bound to loopback only.
        foreach (var name in new[] { "prometheus", "grafana" })
        {
            Assert.All(Service(name).Strings("ports"), p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
        }

        Assert.Null(Service("postgres")["ports"]);
    }

    [Fact]
    public void Every_bind_mount_source_exists()
    {
        var composeDir = Path.GetDirectoryName(RepoPaths.ComposeFile)!;
        var binds = Compose.Obj("services").SelectMany(s => s.Value!.Opt("volumes") is JsonArray v ? v.Select(x => x!.Scalar()) : [])
            .Where(v => v.StartsWith("./", StringComparison.Ordinal))
            .ToList();
        Assert.True(binds.Count >= 4);
        Assert.All(binds, b =>
        {
            var source = Path.GetFullPath(Path.Combine(composeDir, b.Split(':')[0]));
            Assert.True(File.Exists(source) || Directory.Exists(source), $"{b}: source missing");
        });
    }

    [Fact]
    public void Nginx_balances_the_replicas_through_docker_dns_and_forwards_client_headers()
    {
        var conf = File.ReadAllText(RepoPaths.Combine("docker", "compose", "nginx.conf"));
        Assert.Matches(@"(?m)^\s*resolver\s+127\.0\.0\.11\b", conf);
        Assert.Matches(@"(?m)^\s*set\s+\$(\w+)\s+web:8080;", conf);
        Assert.Matches(@"(?m)^\s*proxy_pass\s+http://\$\w+;", conf);
        Assert.Matches(@"(?m)^\s*proxy_set_header\s+X-Forwarded-For\s+\$\w+;", conf);
        Assert.Matches(@"(?m)^\s*proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;", conf);
        Assert.Equal(conf.Count(c => c == '{'), conf.Count(c => c == '}'));
        Assert.Matches(@"(?m)^\s*listen\s+80;", conf);
    }

    [Fact]
    public void Infrastructure_images_are_variables_defaulting_to_the_upstream_images()
    {
        // The container tests point these at images assembled from Debian packages (docker/base/build-service-images.sh).
        Assert.Equal("prom/prometheus", DefaultImage(Service("prometheus"), "PROMETHEUS_IMAGE").Split(':')[0]);
        Assert.Equal("grafana/grafana", DefaultImage(Service("grafana"), "GRAFANA_IMAGE").Split(':')[0]);
        // Debian's docker-compose 1.29 refuses a top-level `name:`; the project name comes from .env.
        Assert.Null(Compose["name"]);
        Assert.Contains(File.ReadAllLines(RepoPaths.Combine("docker", ".env.example")), l => l.StartsWith("COMPOSE_PROJECT_NAME=", StringComparison.Ordinal));
    }

    /// <summary>The default of an <c>image: ${VARIABLE:-default}</c>; fails when the image is not that variable.</summary>
    private static string DefaultImage(JsonObject service, string variable)
    {
        var match = Regex.Match(service.Str("image"), $@"^\$\{{{variable}:-(?<image>[^}}]+)\}}$");
        Assert.True(match.Success, $"image should be ${{{variable}:-<upstream image>}}, is {service.Str("image")}");
        return match.Groups["image"].Value;
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z_]+):\?[^}]+\}$|\$\{(?<name>[A-Z_]+):\?[^}]+\}")]
    private static partial Regex RequiredVariable();
}
