namespace FakeShop.Cosign.Tests;

/// <summary>
/// Finds the docker-registry binary (Debian package "docker-registry"). DOCKER_REGISTRY_BIN overrides it.
/// Missing binary: the registry tests skip on a developer machine, but fail under CI=true, because a CI
/// that silently skipped them would prove nothing.
/// </summary>
internal static class RegistryBinary
{
    public const string InstallHint = "apt-get install -y --no-install-recommends docker-registry";

    public static string? Path { get; } = Find();

    public static bool RequiredByCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        var overridden = Environment.GetEnvironmentVariable("DOCKER_REGISTRY_BIN");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(overridden) ? overridden : null;
        }

        var searchPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator);
        return searchPath.Append("/usr/bin")
            .Select(dir => System.IO.Path.Combine(dir, "docker-registry"))
            .FirstOrDefault(File.Exists);
    }
}
