using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>The admission policies in deploy/k8s/policies trust exactly docker/cosign.pub.</summary>
public sealed class SignaturePolicyTests
{
    private static string KyvernoFile => Path.Combine(RepoPaths.K8sDir, "policies", "kyverno", "verify-images.yaml");

    private static string SigstoreFile => Path.Combine(RepoPaths.K8sDir, "policies", "sigstore", "cluster-image-policy.yaml");

    private static string ProjectKeyPem
    {
        get
        {
            Assert.True(File.Exists(RepoPaths.CosignPublicKey), "docker/cosign.pub is missing: the policies must embed the project's key");
            return Normalise(File.ReadAllText(RepoPaths.CosignPublicKey));
        }
    }

    [Fact]
    public void Project_key_is_an_ecdsa_public_key_pem()
    {
        var pem = ProjectKeyPem;
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("\n-----END PUBLIC KEY-----", pem, StringComparison.Ordinal);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        Assert.True(key.KeySize >= 256);
    }

    [Fact]
    public void Kyverno_policy_embeds_exactly_the_project_key()
    {
        var keys = KyvernoKeys().Single();
        Assert.Equal(ProjectKeyPem, Normalise(keys.Str("publicKeys")));
    }

    [Fact]
    public void Kyverno_policy_enforces_cosign_signatures_without_the_tlog_and_pins_the_digest()
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

        var keys = KyvernoKeys().Single();
        Assert.True(keys.Bool("rekor", "ignoreTlog"));
        Assert.StartsWith("https://", keys.Str("rekor", "url"), StringComparison.Ordinal);
    }

    [Fact]
    public void Sigstore_policy_embeds_exactly_the_project_key()
    {
        var authority = SigstoreAuthorities().Single();
        Assert.Equal(ProjectKeyPem, Normalise(authority.Str("key", "data")));
    }

    [Fact]
    public void Sigstore_policy_uses_a_key_authority_without_ctlog_for_the_app_images()
    {
        var policy = K8s.Objects(SigstoreFile).Single();
        Assert.Equal("policy.sigstore.dev/v1beta1", policy.Doc.Str("apiVersion"));
        Assert.Equal("ClusterImagePolicy", policy.Kind);
        Assert.Equal("enforce", policy.Doc.Str("spec", "mode"));
        var globs = policy.Doc.Arr("spec", "images").Cast<JsonObject>().Select(i => i.Str("glob")).ToList();
        Assert.Contains(globs, g => g.StartsWith("registry.example.com/fakeshop/", StringComparison.Ordinal));

        var authority = SigstoreAuthorities().Single();
        Assert.Null(authority["keyless"]);
        Assert.Null(authority["ctlog"]);
        // Key authorities accept only the classic .sig format ("bundle" is rejected for keys).
        Assert.NotEqual("bundle", authority.Opt("signatureFormat")?.GetValue<string>());
    }

    [Fact]
    public void Both_policies_trust_the_same_key()
    {
        Assert.Equal(Normalise(KyvernoKeys().Single().Str("publicKeys")), Normalise(SigstoreAuthorities().Single().Str("key", "data")));
    }

    private static IEnumerable<JsonObject> KyvernoKeys() =>
        K8s.Objects(KyvernoFile).Single().Doc.Arr("spec", "rules").Cast<JsonObject>()
            .SelectMany(r => r.Arr("verifyImages").Cast<JsonObject>())
            .SelectMany(v => v.Arr("attestors").Cast<JsonObject>())
            .SelectMany(a => a.Arr("entries").Cast<JsonObject>())
            .Select(e => e.Obj("keys"));

    private static IEnumerable<JsonObject> SigstoreAuthorities() =>
        K8s.Objects(SigstoreFile).Single().Doc.Arr("spec", "authorities").Cast<JsonObject>();

    /// <summary>Same text up to line endings and the trailing newline (YAML `|-` drops it).</summary>
    private static string Normalise(string pem) => pem.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Kyverno's image wildcard: `*` matches any run of characters, `?` one character.</summary>
    private static bool WildcardMatches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");
}
