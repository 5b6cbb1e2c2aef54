using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>deploy/k8s as a whole: files parse, references resolve, no secrets ship, one image setting.</summary>
public sealed partial class KustomizationTests
{
    public static TheoryData<string> YamlFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(RepoPaths.K8sDir, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(RepoPaths.Relative(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Every_yaml_file_parses_and_every_document_is_a_typed_object(string relativePath)
    {
        var docs = Yaml.LoadAll(RepoPaths.Combine(relativePath)).Where(d => d is not null).ToList();
        Assert.NotEmpty(docs);
        foreach (var doc in docs)
        {
            var o = Assert.IsType<JsonObject>(doc);
            Assert.Matches("^[a-z0-9.]*/?v[0-9]+((alpha|beta)[0-9]+)?$", o.Str("apiVersion"));
            Assert.Matches("^[A-Z][A-Za-z]+$", o.Str("kind"));
            if (o.Str("kind") != "Kustomization")
            {
                Assert.Matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", o.Str("metadata", "name"));
            }
        }
    }

    [Fact]
    public void Every_listed_resource_exists_and_every_manifest_is_listed_or_marked_optional()
    {
        var dir = RepoPaths.K8sDir;
        var listed = K8s.ResourcePaths(dir);
        Assert.All(listed, p => Assert.True(File.Exists(p) || File.Exists(K8s.KustomizationFile(p)), $"{RepoPaths.Relative(p)} is listed but missing"));

        // A manifest that is neither listed nor clearly an example would be silently left out of deployments.
        var unlisted = Directory.EnumerateFiles(dir, "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml" && !listed.Contains(f) && !f.EndsWith(".example.yaml", StringComparison.Ordinal))
            .Select(RepoPaths.Relative)
            .ToList();
        Assert.Empty(unlisted);

        Assert.Equal(
            ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Job", "Namespace", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount"],
            K8s.App.Select(o => o.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Policy_folders_are_complete_kustomizations_of_their_own()
    {
        foreach (var engine in new[] { "kyverno", "sigstore" })
        {
            var dir = Path.Combine(RepoPaths.K8sDir, "policies", engine);
            var objects = K8s.Resources(dir);
            Assert.NotEmpty(objects);
            Assert.DoesNotContain(K8s.ResourcePaths(RepoPaths.K8sDir), p => p.Contains("policies", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Image_is_set_in_one_place_and_every_container_names_it()
    {
        var images = K8s.Kustomization(RepoPaths.K8sDir).Arr("images").Cast<JsonObject>().ToList();
        var entry = Assert.Single(images);
        Assert.Equal(K8s.Image, entry.Str("name"));
        var tag = entry.Opt("newTag")?.GetValue<string>();
        var digest = entry.Opt("digest")?.GetValue<string>();
        Assert.True(tag is not null || digest is not null, "images entry needs newTag or digest");
        Assert.NotEqual("latest", tag);
        if (digest is not null)
        {
            Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        }

        var containerImages = K8s.App.Where(o => o.Kind is "Deployment" or "Job")
            .SelectMany(K8s.Containers).Select(c => c.Str("image")).Distinct().ToList();
        Assert.Equal([K8s.Image], containerImages);
    }

    [Fact]
    public void No_secret_with_a_value_is_deployed_by_the_kustomization()
    {
        var kustomization = K8s.Kustomization(RepoPaths.K8sDir);
        Assert.DoesNotContain(K8s.App, o => o.Kind == "Secret");
        if (kustomization["secretGenerator"] is JsonArray generators)
        {
            Assert.All(generators.Cast<JsonObject>(), g => Assert.Null(g["literals"]));
        }

        // The example documents the keys the pods read and holds placeholders only.
        var example = K8s.Objects(Path.Combine(RepoPaths.K8sDir, "secret.example.yaml")).Single();
        Assert.Equal("Secret", example.Kind);
        var values = example.Doc.StringMap("stringData");
        Assert.All(values, kv => Assert.Equal("CHANGE_ME", kv.Value));
        Assert.Null(example.Doc["data"]);

        var referenced = K8s.App.Where(o => o.Kind is "Deployment" or "Job")
            .SelectMany(K8s.Containers)
            .SelectMany(c => c.Opt("env") is JsonArray env ? env.Cast<JsonObject>() : [])
            .Select(e => e.Opt("valueFrom", "secretKeyRef"))
            .OfType<JsonObject>()
            .ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, r =>
        {
            Assert.Equal(example.Name, r.Str("name"));
            Assert.Contains(r.Str("key"), values.Keys);
        });
    }

    [Fact]
    public void No_manifest_contains_a_real_looking_credential()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.K8sDir, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (var doc in Yaml.LoadAll(file).OfType<JsonObject>())
            {
                foreach (var (key, node) in doc.Descendants())
                {
                    if (key is not null && SecretKey().IsMatch(key) && node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    {
                        Assert.True(v.GetValue<string>() == "CHANGE_ME", $"{RepoPaths.Relative(file)}: {key} holds a value");
                    }
                }
            }
        }
    }

    /// <summary>Runs the real kustomize (kubectl's built-in) when it is installed; the parsing tests cover the rest.</summary>
    [Fact]
    public void Kustomize_build_renders_the_pinned_image_when_kubectl_is_available()
    {
        var kubectl = Tools.Require("kubectl");

        // The policies need the key from deploy/cosign, an input the repository does not hold:
        // SignaturePolicyTests builds them with a key made for the test.
        var output = Tools.Run(kubectl, "kustomize", RepoPaths.K8sDir);
        Assert.NotEmpty(Yaml.ParseAll(output, $"kustomize build {RepoPaths.K8sDir}").OfType<JsonObject>());

        var built = Yaml.ParseAll(Tools.Run(kubectl, "kustomize", RepoPaths.K8sDir)).OfType<JsonObject>().ToList();
        var entry = K8s.Kustomization(RepoPaths.K8sDir).Arr("images").Cast<JsonObject>().Single();
        var expected = entry.Opt("digest") is { } d ? $"{K8s.Image}@{d.GetValue<string>()}" : $"{K8s.Image}:{entry.Str("newTag")}";
        var workloads = built.Where(o => o.Str("kind") is "Deployment" or "Job").ToList();
        Assert.Equal(2, workloads.Count);
        Assert.All(workloads, w =>
        {
            Assert.Equal("fakeshop", w.Str("metadata", "namespace"));
            Assert.Equal(expected, w.Arr("spec", "template", "spec", "containers").Cast<JsonObject>().Single().Str("image"));
        });
    }

    [GeneratedRegex("(?i)password|secret_?key|token$")]
    private static partial Regex SecretKey();
}
