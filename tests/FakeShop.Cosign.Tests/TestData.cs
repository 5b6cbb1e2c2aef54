namespace FakeShop.Cosign.Tests;

/// <summary>
/// Locates tests/testdata/cosign, the cosign vectors kept inside the repository (see the NOTICE there), found by
/// walking up to the folder holding global.json, never by a fixed path.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string CosignDirectory => Directory.Value;

    public static string PathOf(params string[] parts) => Path.Combine([CosignDirectory, .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no global.json above {AppContext.BaseDirectory}: cannot find the repository root");
    }

    private static string Locate()
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "tests", "testdata", "cosign"));
        return System.IO.Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"cosign test vectors not found at {path} (they are part of the repository)");
    }
}
