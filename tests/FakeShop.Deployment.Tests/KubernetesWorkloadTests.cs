using System.Text.Json.Nodes;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>The Deployment and the migration Job in deploy/k8s: hardening, probes, resources, image.</summary>
public sealed class KubernetesWorkloadTests
{
    public static TheoryData<string> WorkloadKinds => new() { "Deployment", "Job" };

    [Theory]
    [MemberData(nameof(WorkloadKinds))]
    public void Pod_security_context_is_non_root_with_fixed_ids_and_runtime_default_seccomp(string kind)
    {
        var spec = K8s.PodSpec(K8s.Workload(kind));

        Assert.True(spec.Bool("securityContext", "runAsNonRoot"));
        Assert.Equal(K8s.AppUid, spec.Int("securityContext", "runAsUser"));
        Assert.Equal(K8s.AppUid, spec.Int("securityContext", "runAsGroup"));
        Assert.Equal(K8s.AppUid, spec.Int("securityContext", "fsGroup"));
        Assert.Equal("RuntimeDefault", spec.Str("securityContext", "seccompProfile", "type"));
        Assert.False(spec.Bool("automountServiceAccountToken"), "the app does not use the Kubernetes API");
        Assert.Null(spec["hostNetwork"]);
        Assert.Null(spec["hostPID"]);
    }

    [Theory]
    [MemberData(nameof(WorkloadKinds))]
    public void Every_container_has_the_full_restricted_security_context(string kind)
    {
        foreach (var c in K8s.Containers(K8s.Workload(kind)))
        {
            var sc = c.Obj("securityContext");
            var name = c.Str("name");
            Assert.True(sc.Bool("runAsNonRoot"), $"{kind}/{name}: runAsNonRoot");
            Assert.Equal(K8s.AppUid, sc.Int("runAsUser"));
            Assert.Equal(K8s.AppUid, sc.Int("runAsGroup"));
            Assert.True(sc.Bool("readOnlyRootFilesystem"), $"{kind}/{name}: readOnlyRootFilesystem");
            Assert.False(sc.Bool("allowPrivilegeEscalation"), $"{kind}/{name}: allowPrivilegeEscalation");
            Assert.False(sc.Opt("privileged")?.GetValue<bool>() ?? false, $"{kind}/{name}: privileged");
            Assert.Equal(["ALL"], sc.Strings("capabilities", "drop"));
            Assert.Null(sc.Opt("capabilities", "add"));
            Assert.Equal("RuntimeDefault", sc.Str("seccompProfile", "type"));
        }
    }

    [Theory]
    [MemberData(nameof(WorkloadKinds))]
    public void Tmp_is_a_size_limited_memory_emptyDir_and_the_only_mount(string kind)
    {
        var workload = K8s.Workload(kind);
        var volumes = K8s.PodSpec(workload).Arr("volumes").Cast<JsonObject>().ToDictionary(v => v.Str("name"));

        foreach (var c in K8s.Containers(workload))
        {
            var mounts = c.Arr("volumeMounts").Cast<JsonObject>().ToList();
            var tmp = Assert.Single(mounts);
            Assert.Equal("/tmp", tmp.Str("mountPath"));
            Assert.True(volumes.TryGetValue(tmp.Str("name"), out var volume), $"{kind}: volume {tmp.Str("name")} is not declared");
            var emptyDir = volume.Obj("emptyDir");
            Assert.Equal("Memory", emptyDir.Str("medium"));
            Assert.Matches("^[0-9]+(Mi|Gi)$", emptyDir.Scalar("sizeLimit"));
        }
    }

    [Theory]
    [MemberData(nameof(WorkloadKinds))]
    public void Containers_have_cpu_and_memory_requests_and_limits_within_bounds(string kind)
    {
        foreach (var c in K8s.Containers(K8s.Workload(kind)))
        {
            foreach (var section in new[] { "requests", "limits" })
            {
                Assert.Matches("^[0-9]+m?$|^[0-9]+(\\.[0-9]+)?$", c.Scalar("resources", section, "cpu"));
                Assert.Matches("^[0-9]+(Mi|Gi)$", c.Scalar("resources", section, "memory"));
            }

            Assert.True(Mebibytes(c.Scalar("resources", "requests", "memory")) <= Mebibytes(c.Scalar("resources", "limits", "memory")),
                $"{kind}: memory request above its limit");
        }
    }

    /// <summary>
    /// The pod's memory limit has to hold the GC heap at its hard limit (set in the app's project, so it is in the
    /// image's runtimeconfig and not derived from the pod limit), the in-memory /tmp at its size limit, and what is
    /// not GC heap: ≈ 112 MB of mapped assemblies, ≈ 40 MB of JIT-compiled code and native memory
    /// (docs/performance.md, "Memory, start-up and steady state"). Raising one of them alone gets the pod OOM-killed.
    /// </summary>
    [Theory]
    [MemberData(nameof(WorkloadKinds))]
    public void The_memory_limit_holds_the_gc_heap_limit_the_tmp_volume_and_the_rest_of_the_process(string kind)
    {
        const long NonHeapMebibytes = 160;
        var project = System.Xml.Linq.XDocument.Load(RepoPaths.Combine("src", "Web", "FakeShop.Web.csproj"));
        var heapLimit = project.Descendants("RuntimeHostConfigurationOption")
            .Single(o => (string?)o.Attribute("Include") == "System.GC.HeapHardLimit");
        var heapMebibytes = long.Parse((string)heapLimit.Attribute("Value")!, System.Globalization.CultureInfo.InvariantCulture) / (1024 * 1024);
        Assert.InRange(heapMebibytes, 64, 1024);

        var workload = K8s.Workload(kind);
        var tmpMebibytes = K8s.PodSpec(workload).Arr("volumes").Cast<JsonObject>()
            .Select(v => v.Opt("emptyDir", "sizeLimit")).Where(size => size is not null)
            .Sum(size => Mebibytes(size!.Scalar()));
        foreach (var c in K8s.Containers(workload))
        {
            var limit = Mebibytes(c.Scalar("resources", "limits", "memory"));
            Assert.True(limit >= heapMebibytes + tmpMebibytes + NonHeapMebibytes,
                $"{kind}: memory limit {limit}Mi < GC heap limit {heapMebibytes}Mi + /tmp {tmpMebibytes}Mi + {NonHeapMebibytes}Mi outside the heap");
        }
    }

    [Theory]
    [MemberData(nameof(WorkloadKinds))]
    public void Secrets_come_from_the_secret_and_settings_from_the_configmap(string kind)
    {
        var container = K8s.Containers(K8s.Workload(kind))[0];
        Assert.Equal("fakeshop-config", container.Arr("envFrom").Cast<JsonObject>().Single().Str("configMapRef", "name"));

        var env = container.Arr("env").Cast<JsonObject>().ToDictionary(e => e.Str("name"));
        var password = env["DB_PASSWORD"];
        Assert.Null(password["value"]);
        Assert.Equal("fakeshop-secrets", password.Str("valueFrom", "secretKeyRef", "name"));
        Assert.All(env.Values, e => Assert.True(e["value"] is null || !e.Str("name").Contains("PASSWORD", StringComparison.OrdinalIgnoreCase),
            $"{kind}: {e.Str("name")} must come from a Secret"));
    }

    [Fact]
    public void Deployment_runs_three_replicas_and_rolls_without_losing_capacity()
    {
        var d = K8s.Deployment.Doc;
        Assert.Equal(3, d.Int("spec", "replicas"));
        Assert.Equal(0, d.Int("spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.True(K8s.Selects(d.StringMap("spec", "selector", "matchLabels"), K8s.PodLabels(K8s.Deployment)),
            "the Deployment's selector must match its own pod labels");
    }

    [Fact]
    public void Probes_are_httpGet_on_the_health_endpoints_of_the_http_port()
    {
        var c = Assert.Single(K8s.Containers(K8s.Deployment));
        var expected = new Dictionary<string, string>
        {
            ["startupProbe"] = "/health/live",
            ["livenessProbe"] = "/health/live",
            ["readinessProbe"] = "/health/ready",
        };

        foreach (var (probe, path) in expected)
        {
            var p = c.Obj(probe);
            Assert.Null(p["exec"]);
            Assert.Equal(path, p.Str("httpGet", "path"));
            Assert.Equal(8080, K8s.ResolvePort(c, p.Req("httpGet", "port")));
        }

        // The startup probe must leave the app a real chance to start (here >= 30 s).
        var startup = c.Obj("startupProbe");
        Assert.True(startup.Int("periodSeconds") * startup.Int("failureThreshold") >= 30);
    }

    [Fact]
    public void Nothing_uses_exec_because_the_image_has_no_shell()
    {
        foreach (var o in K8s.App)
        {
            var execs = o.Doc.Descendants().Where(x => x.Key == "exec").ToList();
            Assert.True(execs.Count == 0, $"{o}: exec probes/hooks cannot work in a distroless image");
        }
    }

    [Fact]
    public void Deployment_ports_and_config_agree_on_8080_and_metrics_9090()
    {
        var c = Assert.Single(K8s.Containers(K8s.Deployment));
        var ports = c.Arr("ports").Cast<JsonObject>().ToDictionary(p => p.Str("name"), p => p.Int("containerPort"));
        Assert.Equal(8080, ports["http"]);
        Assert.Equal(9090, ports["metrics"]);

        var config = K8s.Single("ConfigMap").Doc.StringMap("data");
        Assert.Equal("8080", config["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("9090", config["Metrics__Port"]);
        Assert.Equal("Postgres", config["Database__Provider"]);
        Assert.Equal("Production", config["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("false", config["Database__MigrateOnStartup"]);
        Assert.Equal("5432", config["DB_PORT"]);
        Assert.False(string.IsNullOrWhiteSpace(config["DB_HOST"]));
        Assert.DoesNotContain(config.Keys, k => k.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>docs/operations.md's sizing rule, for every pod the HPA may start, against PostgreSQL's default 100.</summary>
    [Fact]
    public void Connection_pools_of_all_pods_the_hpa_may_start_fit_a_default_postgres()
    {
        var config = K8s.Single("ConfigMap").Doc.StringMap("data");
        var maxReplicas = K8s.Single("HorizontalPodAutoscaler").Doc.Int("spec", "maxReplicas");
        var pool = int.Parse(config["Database__MaxPoolSize"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(maxReplicas * (pool + 1) + 1 + 3 < 100, $"{maxReplicas} pods x ({pool} + 1 LISTEN) + migrate job + admin >= 100");
    }

    [Fact]
    public void Deployment_spreads_its_pods_over_nodes()
    {
        var spec = K8s.PodSpec(K8s.Deployment);
        var labels = K8s.PodLabels(K8s.Deployment);
        var spread = spec["topologySpreadConstraints"] as JsonArray;
        var antiAffinity = spec.Opt("affinity", "podAntiAffinity");
        Assert.True(spread is not null || antiAffinity is not null, "needs topologySpreadConstraints or podAntiAffinity");

        if (spread is not null)
        {
            var byHost = spread.Cast<JsonObject>().SingleOrDefault(s => s.Str("topologyKey") == "kubernetes.io/hostname");
            Assert.NotNull(byHost);
            Assert.Equal(1, byHost.Int("maxSkew"));
            Assert.All(spread.Cast<JsonObject>(), s => Assert.True(K8s.Selects(s.StringMap("labelSelector", "matchLabels"), labels),
                "a spread constraint that does not select the pods spreads nothing"));
        }
    }

    [Fact]
    public void Termination_grace_period_leaves_time_to_drain()
    {
        var grace = K8s.PodSpec(K8s.Deployment).Int("terminationGracePeriodSeconds");
        Assert.InRange(grace, 30, 120);
    }

    [Fact]
    public void Job_runs_migrate_with_the_deployments_image_and_cleans_up()
    {
        var job = K8s.Job.Doc;
        var migrate = Assert.Single(K8s.Containers(K8s.Job));
        var web = Assert.Single(K8s.Containers(K8s.Deployment));

        Assert.Equal(K8s.Image, web.Str("image"));
        Assert.Equal(web.Str("image"), migrate.Str("image"));
        Assert.Equal(["migrate"], migrate.Strings("args"));
        Assert.Null(migrate["command"]);
        Assert.InRange(job.Int("spec", "backoffLimit"), 1, 6);
        Assert.InRange(job.Int("spec", "ttlSecondsAfterFinished"), 60, 86_400);
        Assert.Contains(job.Str("spec", "template", "spec", "restartPolicy"), new[] { "Never", "OnFailure" });
        Assert.Equal(K8s.PodSpec(K8s.Deployment).Str("serviceAccountName"), K8s.PodSpec(K8s.Job).Str("serviceAccountName"));
    }

    [Fact]
    public void Only_the_job_gets_the_admin_credentials_and_they_come_from_the_secret()
    {
        var jobEnv = K8s.Containers(K8s.Job)[0].Arr("env").Cast<JsonObject>().ToDictionary(e => e.Str("name"));
        foreach (var name in new[] { "Admin__Email", "Admin__Password" })
        {
            Assert.Equal("fakeshop-secrets", jobEnv[name].Str("valueFrom", "secretKeyRef", "name"));
        }

        var webEnv = K8s.Containers(K8s.Deployment)[0].Arr("env").Cast<JsonObject>().Select(e => e.Str("name"));
        Assert.DoesNotContain("Admin__Password", webEnv);
    }

    [Fact]
    public void Service_account_does_not_mount_a_token()
    {
        var sa = K8s.Single("ServiceAccount");
        Assert.False(sa.Doc.Bool("automountServiceAccountToken"));
        Assert.Equal(sa.Name, K8s.PodSpec(K8s.Deployment).Str("serviceAccountName"));
    }

    private static long Mebibytes(string quantity) =>
        quantity.EndsWith("Gi", StringComparison.Ordinal) ? long.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024
        : long.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture);
}
