using System.Text.Json.Nodes;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>Objects around the Deployment: Service, HPA, PDB, NetworkPolicy, Namespace.</summary>
public sealed class KubernetesServiceTests
{
    private static IReadOnlyDictionary<string, string> WebPodLabels => K8s.PodLabels(K8s.Deployment);

    [Fact]
    public void Service_selects_the_web_pods_and_exposes_http_and_metrics()
    {
        var svc = K8s.Single("Service").Doc;
        Assert.True(K8s.Selects(svc.StringMap("spec", "selector"), WebPodLabels), "Service selector must match the Deployment's pod labels");
        Assert.False(K8s.Selects(svc.StringMap("spec", "selector"), K8s.PodLabels(K8s.Job)), "the migration Job's pod must not receive traffic");

        var container = K8s.Containers(K8s.Deployment)[0];
        var ports = svc.Arr("spec", "ports").Cast<JsonObject>().ToDictionary(p => p.Str("name"));
        Assert.Equal(8080, ports["http"].Int("port"));
        Assert.Equal(8080, K8s.ResolvePort(container, ports["http"].Req("targetPort")));
        Assert.Equal(9090, ports["metrics"].Int("port"));
        Assert.Equal(9090, K8s.ResolvePort(container, ports["metrics"].Req("targetPort")));
    }

    [Fact]
    public void Hpa_scales_the_deployment_on_cpu_from_its_replica_count()
    {
        var hpa = K8s.Single("HorizontalPodAutoscaler").Doc;
        Assert.Equal("autoscaling/v2", hpa.Str("apiVersion"));
        Assert.Equal("apps/v1", hpa.Str("spec", "scaleTargetRef", "apiVersion"));
        Assert.Equal("Deployment", hpa.Str("spec", "scaleTargetRef", "kind"));
        Assert.Equal(K8s.Deployment.Name, hpa.Str("spec", "scaleTargetRef", "name"));
        Assert.Equal(K8s.Deployment.Doc.Int("spec", "replicas"), hpa.Int("spec", "minReplicas"));
        Assert.True(hpa.Int("spec", "maxReplicas") > hpa.Int("spec", "minReplicas"));

        var cpu = hpa.Arr("spec", "metrics").Cast<JsonObject>().Single(m => m.Str("type") == "Resource" && m.Str("resource", "name") == "cpu");
        Assert.Equal("Utilization", cpu.Str("resource", "target", "type"));
        Assert.InRange(cpu.Int("resource", "target", "averageUtilization"), 40, 90);
    }

    [Fact]
    public void Pdb_selects_the_web_pods_and_keeps_two_available()
    {
        var pdb = K8s.Single("PodDisruptionBudget").Doc;
        Assert.Equal("policy/v1", pdb.Str("apiVersion"));
        Assert.True(K8s.Selects(pdb.StringMap("spec", "selector", "matchLabels"), WebPodLabels), "PDB selector must match the pod labels");

        var replicas = K8s.Deployment.Doc.Int("spec", "replicas");
        var minAvailable = pdb.Opt("spec", "minAvailable");
        var maxUnavailable = pdb.Opt("spec", "maxUnavailable");
        Assert.True(minAvailable is null ^ maxUnavailable is null, "set exactly one of minAvailable and maxUnavailable");
        if (maxUnavailable is not null)
        {
            Assert.Equal(1, pdb.Int("spec", "maxUnavailable"));
        }
        else
        {
            Assert.Equal(2, pdb.Int("spec", "minAvailable"));
            Assert.True(replicas > 2, "minAvailable 2 with 2 replicas would block every drain");
        }
    }

    [Fact]
    public void NetworkPolicy_selects_every_app_pod_and_denies_by_default()
    {
        var np = K8s.Single("NetworkPolicy").Doc;
        var selector = np.StringMap("spec", "podSelector", "matchLabels");
        Assert.True(K8s.Selects(selector, WebPodLabels), "NetworkPolicy must select the web pods");
        Assert.True(K8s.Selects(selector, K8s.PodLabels(K8s.Job)), "NetworkPolicy must select the migration pods");
        Assert.Equal(["Ingress", "Egress"], np.Strings("spec", "policyTypes"));
    }

    [Fact]
    public void NetworkPolicy_admits_only_ingress_to_8080_and_monitoring_to_9090()
    {
        var rules = K8s.Single("NetworkPolicy").Doc.Arr("spec", "ingress").Cast<JsonObject>().ToList();
        var byPort = rules.ToDictionary(r => r.Arr("ports").Cast<JsonObject>().Single().Int("port"));
        Assert.Equal([8080L, 9090L], byPort.Keys.Order());
        Assert.All(rules, r => Assert.NotEmpty(r.Arr("from")));
        Assert.Equal("ingress-nginx", Namespace(byPort[8080]));
        Assert.Equal("monitoring", Namespace(byPort[9090]));

        static string Namespace(JsonObject rule) =>
            rule.Arr("from").Cast<JsonObject>().Single().Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
    }

    [Fact]
    public void NetworkPolicy_lets_out_only_dns_and_postgresql()
    {
        var rules = K8s.Single("NetworkPolicy").Doc.Arr("spec", "egress").Cast<JsonObject>().ToList();
        var ports = rules.SelectMany(r => r.Arr("ports").Cast<JsonObject>()).Select(p => (p.Str("protocol"), p.Int("port"))).ToHashSet();
        Assert.Equal(new HashSet<(string, long)> { ("UDP", 53), ("TCP", 53), ("TCP", 5432) }, ports);

        var dns = rules.Single(r => r.Arr("ports").Cast<JsonObject>().Any(p => p.Int("port") == 53));
        Assert.Equal("kube-system", dns.Arr("to").Cast<JsonObject>().Single().Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
    }

    [Fact]
    public void Namespace_opts_in_to_policy_controller_and_restricted_pod_security()
    {
        var ns = K8s.Single("Namespace");
        var labels = ns.Doc.StringMap("metadata", "labels");
        Assert.Equal("true", ns.Doc.Str("metadata", "labels", "policy.sigstore.dev/include"));
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal(ns.Name, K8s.Kustomization(RepoPaths.K8sDir).Str("namespace"));
    }

    [Fact]
    public void Optional_ingress_example_points_at_the_service_http_port()
    {
        var ingress = K8s.Objects(Path.Combine(RepoPaths.K8sDir, "ingress.example.yaml")).Single();
        var backend = ingress.Doc.Arr("spec", "rules").Cast<JsonObject>().Single()
            .Arr("http", "paths").Cast<JsonObject>().Single().Obj("backend", "service");
        Assert.Equal(K8s.Single("Service").Name, backend.Str("name"));
        Assert.Equal("http", backend.Str("port", "name"));
    }
}
