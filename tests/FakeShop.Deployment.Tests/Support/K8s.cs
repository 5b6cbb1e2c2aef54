using System.Text.Json.Nodes;

namespace FakeShop.Deployment.Tests.Support;

/// <summary>A Kubernetes object read from a file.</summary>
internal sealed record K8sObject(string File, JsonObject Doc)
{
    public string Kind => Doc.Str("kind");

    public string Name => Doc.Str("metadata", "name");

    public override string ToString() => $"{Kind}/{Name} ({RepoPaths.Relative(File)})";
}

/// <summary>Reads deploy/k8s the way kustomize would see it (without running kustomize).</summary>
internal static class K8s
{
    public const string Image = "registry.example.com/fakeshop/web";

    public const int AppUid = 1654;

    public static string KustomizationFile(string dir) => Path.Combine(dir, "kustomization.yaml");

    public static JsonObject Kustomization(string dir) => Yaml.LoadSingle(KustomizationFile(dir));

    /// <summary>Paths listed under resources, resolved against the kustomization's folder.</summary>
    public static IReadOnlyList<string> ResourcePaths(string dir)
    {
        var kustomization = Kustomization(dir);
        // A generator-only kustomization (deploy/cosign) has no resources.
        return kustomization.Opt("resources") is null
            ? []
            : kustomization.Strings("resources").Select(r => Path.GetFullPath(Path.Combine(dir, r))).ToList();
    }

    /// <summary>All objects that `kustomize build dir` would start from (resources, recursively).</summary>
    public static IReadOnlyList<K8sObject> Resources(string dir)
    {
        var result = new List<K8sObject>();
        foreach (var path in ResourcePaths(dir))
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Resources(path));
                continue;
            }

            Assert.True(File.Exists(path), $"kustomization in {RepoPaths.Relative(dir)} lists {RepoPaths.Relative(path)}, which does not exist");
            result.AddRange(Objects(path));
        }

        return result;
    }

    public static IReadOnlyList<K8sObject> Objects(string file) =>
        Yaml.LoadAll(file).OfType<JsonObject>().Select(d => new K8sObject(file, d)).ToList();

    /// <summary>The app's objects as kustomize would build them from deploy/k8s.</summary>
    public static IReadOnlyList<K8sObject> App => LazyApp.Value;

    private static readonly Lazy<IReadOnlyList<K8sObject>> LazyApp = new(() => Resources(RepoPaths.K8sDir));

    public static K8sObject Single(string kind)
    {
        var matches = App.Where(o => o.Kind == kind).ToList();
        Assert.True(matches.Count == 1, $"expected exactly one {kind} in deploy/k8s, found {matches.Count}");
        return matches[0];
    }

    public static K8sObject Deployment => Single("Deployment");

    public static K8sObject Job => Single("Job");

    public static JsonObject PodTemplate(K8sObject workload) => workload.Doc.Obj("spec", "template");

    public static JsonObject PodSpec(K8sObject workload) => workload.Doc.Obj("spec", "template", "spec");

    public static IReadOnlyDictionary<string, string> PodLabels(K8sObject workload) => workload.Doc.StringMap("spec", "template", "metadata", "labels");

    public static IReadOnlyList<JsonObject> Containers(K8sObject workload)
    {
        var spec = PodSpec(workload);
        var containers = spec.Arr("containers").Cast<JsonObject>().ToList();
        if (spec["initContainers"] is JsonArray init)
        {
            containers.AddRange(init.Cast<JsonObject>());
        }

        Assert.NotEmpty(containers);
        return containers;
    }

    public static K8sObject Workload(string kind) => kind switch
    {
        "Deployment" => Deployment,
        "Job" => Job,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a workload kind"),
    };

    /// <summary>True when every pair of the selector is among the labels (matchLabels semantics).</summary>
    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>Resolves a probe or Service port (number or container port name) to its number.</summary>
    public static long ResolvePort(JsonObject container, JsonNode port)
    {
        if (port.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return port.GetValue<long>();
        }

        var name = port.GetValue<string>();
        var match = container.Arr("ports").Cast<JsonObject>().SingleOrDefault(p => p["name"]?.GetValue<string>() == name);
        Assert.True(match is not null, $"container {container.Str("name")} has no port named '{name}'");
        return match.Int("containerPort");
    }
}
