using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>
/// The admission policies in deploy/k8s/policies require a cosign signature and a signed CycloneDX SBOM
/// attestation, and read the key from the one place it is configured: the Secret that deploy/cosign's
/// kustomization generates from deploy/cosign/cosign.pub. No policy embeds a key.
/// </summary>
public sealed class SignaturePolicyTests
{
    private const string KeySecret = "fakeshop-cosign-public-key";

    private static string KyvernoFile => Path.Combine(RepoPaths.K8sDir, "policies", "kyverno", "verify-images.yaml");

    private static string SigstoreFile => Path.Combine(RepoPaths.K8sDir, "policies", "sigstore", "cluster-image-policy.yaml");

    [Fact]
    public void No_policy_embeds_a_key_and_the_key_file_is_not_pinned_in_git()
    {
        foreach (var file in new[] { KyvernoFile, SigstoreFile })
        {
            Assert.DoesNotContain("BEGIN PUBLIC KEY", File.ReadAllText(file), StringComparison.Ordinal);
        }

        var generator = K8s.Kustomization(RepoPaths.CosignKeyDir).Arr("secretGenerator").Cast<JsonObject>().Single();
        Assert.Equal(KeySecret, generator.Str("name"));
        Assert.Equal(["cosign.pub"], generator.Strings("files"));
        Assert.True(generator.Bool("options", "disableNameSuffixHash"));
    }

    [Fact]
    public void Kyverno_policy_enforces_signature_and_sbom_attestation_with_the_key_secret_without_the_tlog()
    {
        var policy = K8s.Objects(KyvernoFile).Single();
        Assert.Equal("kyverno.io/v1", policy.Doc.Str("apiVersion"));
        Assert.Equal("ClusterPolicy", policy.Kind);
        Assert.Equal("Enforce", policy.Doc.Str("spec", "validationFailureAction"));

        var rule = policy.Doc.Arr("spec", "rules").Cast<JsonObject>().Single();
        Assert.Contains("Pod", rule.Arr("match", "any").Cast<JsonObject>().SelectMany(a => a.Strings("resources", "kinds")));
        var verify = rule.Arr("verifyImages").Cast<JsonObject>().Single();
        Assert.Equal("Cosign", verify.Str("type"));
        Assert.True(verify.Bool("mutateDigest"));
        Assert.True(verify.Bool("required"));
        Assert.All(verify.Strings("imageReferences"), r => Assert.True(WildcardMatches(r, K8s.Image + ":1.0.0"), $"{r} does not cover the app image"));
        Assert.DoesNotContain(verify.Strings("imageReferences"), r => WildcardMatches(r, "docker.io/library/nginx:latest"));

        var attestation = verify.Arr("attestations").Cast<JsonObject>().Single();
        Assert.Equal("https://cyclonedx.org/bom", attestation.Str("type"));
        var condition = attestation.Arr("conditions").Cast<JsonObject>().Single().Arr("all").Cast<JsonObject>().Single();
        Assert.Equal(("{{ bomFormat }}", "Equals", "CycloneDX"), (condition.Str("key"), condition.Str("operator"), condition.Str("value")));

        var keys = KyvernoKeys(verify.Arr("attestors")).Concat(KyvernoKeys(attestation.Arr("attestors"))).ToList();
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k =>
        {
            Assert.Null(k["publicKeys"]);
            Assert.Equal((KeySecret, "kyverno"), (k.Str("secret", "name"), k.Str("secret", "namespace")));
            Assert.True(k.Bool("rekor", "ignoreTlog"));
            Assert.StartsWith("https://", k.Str("rekor", "url"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Sigstore_policies_require_a_signature_and_an_sbom_attestation_from_the_key_secret_without_ctlog()
    {
        var policies = K8s.Objects(SigstoreFile);
        Assert.Equal(2, policies.Count);
        foreach (var policy in policies)
        {
            Assert.Equal("policy.sigstore.dev/v1beta1", policy.Doc.Str("apiVersion"));
            Assert.Equal("ClusterImagePolicy", policy.Kind);
            Assert.Equal("enforce", policy.Doc.Str("spec", "mode"));
            var globs = policy.Doc.Arr("spec", "images").Cast<JsonObject>().Select(i => i.Str("glob")).ToList();
            Assert.Contains(globs, g => g.StartsWith("registry.example.com/fakeshop/", StringComparison.Ordinal));

            // Authorities within one policy are alternatives, so each policy has exactly one: all must pass.
            var authority = policy.Doc.Arr("spec", "authorities").Cast<JsonObject>().Single();
            Assert.Null(authority["keyless"]);
            Assert.Null(authority["ctlog"]);
            Assert.Null(authority.Opt("key", "data"));
            Assert.Equal(KeySecret, authority.Str("key", "secretRef", "name"));
            Assert.NotEqual("bundle", authority.Opt("signatureFormat")?.GetValue<string>());
        }

        var attestations = policies.Select(p => p.Doc.Arr("spec", "authorities").Cast<JsonObject>().Single().Opt("attestations")).ToList();
        Assert.Single(attestations, a => a is null);
        var sbom = attestations.OfType<JsonArray>().Single().Cast<JsonObject>().Single();
        Assert.Equal("cyclonedx", sbom.Str("predicateType"));
        Assert.Contains("bomFormat: \"CycloneDX\"", sbom.Str("policy", "data"), StringComparison.Ordinal);
    }

    [Fact]
    public void Kustomize_puts_the_one_configured_key_into_the_secret_each_engine_reads()
    {
        var kubectl = Tools.Require("kubectl");
        var copy = Directory.CreateTempSubdirectory("policies-").FullName;
        try
        {
            // A copy of deploy/ with a freshly made key in the one place: the repository pins none.
            CopyDirectory(Path.Combine(RepoPaths.Root, "deploy"), Path.Combine(copy, "deploy"));
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = key.ExportSubjectPublicKeyInfoPem() + "\n";
            File.WriteAllText(Path.Combine(copy, "deploy", "cosign", "cosign.pub"), pem);

            foreach (var (engine, ns) in new[] { ("kyverno", "kyverno"), ("sigstore", "cosign-system") })
            {
                var built = Yaml.ParseAll(Tools.Run(kubectl, "kustomize", Path.Combine(copy, "deploy", "k8s", "policies", engine))).OfType<JsonObject>().ToList();
                var secret = built.Single(o => o.Str("kind") == "Secret");
                Assert.Equal((KeySecret, ns), (secret.Str("metadata", "name"), secret.Str("metadata", "namespace")));
                var data = secret.Obj("data");
                Assert.Single(data);
                Assert.Equal(pem, Encoding.ASCII.GetString(Convert.FromBase64String(data.Str("cosign.pub"))));
                Assert.Contains(built, o => o.Str("kind") is "ClusterPolicy" or "ClusterImagePolicy");
            }
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static IEnumerable<JsonObject> KyvernoKeys(JsonArray attestors) =>
        attestors.Cast<JsonObject>()
            .SelectMany(a => a.Arr("entries").Cast<JsonObject>())
            .Select(e => e.Obj("keys"));

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            if (Path.GetFileName(file) is not ("cosign.pub" or "cosign.key"))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        foreach (var dir in Directory.GetDirectories(source))
        {
            CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }

    /// <summary>Kyverno's image wildcard: `*` matches any run of characters, `?` one character.</summary>
    private static bool WildcardMatches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");
}
