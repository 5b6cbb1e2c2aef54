namespace FakeShop.Deployment.Tests.Support;

/// <summary>Paths inside the repository, found from the test binary's location.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding global.json (the repository root).</summary>
    public static string Root => LazyRoot.Value;

    public static string K8sDir => Combine("deploy", "k8s");

    public static string ComposeFile => Combine("docker", "compose.yaml");

    /// <summary>The one place the cosign public key is configured (not in git: it is an input, docs/cosign.md).</summary>
    public static string CosignKeyDir => Combine("deploy", "cosign");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Shortens an absolute path for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No global.json above {AppContext.BaseDirectory}: cannot locate the repository root.");
    }
}
