namespace FakeShop.Container.Tests;

/// <summary>
/// What the container tests need from the machine, found once. Missing pieces make the tests skip with the
/// reason on a developer machine, but fail under CI=true: a CI run that silently skipped them would prove nothing.
/// Overrides: CONTAINER_ENGINE=docker|podman, PG_BIN (default /usr/lib/postgresql/15/bin).
/// </summary>
internal static class Tooling
{
    public const string InstallHint =
        "apt-get install -y --no-install-recommends docker-registry skopeo umoci runc jq curl docker.io docker-compose postgresql";

    public static bool RequiredByCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal)
        || File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:\t0\t", StringComparison.Ordinal));

    public static string PgBin => Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>"docker" (dockerd + a docker CLI), "podman", or null.</summary>
    public static string? Engine { get; } = ChooseEngine();

    /// <summary>Why the tests cannot run here, or null when everything is present.</summary>
    public static string? MissingReason { get; } = FindMissing();

    private static string? ChooseEngine()
    {
        var forced = Environment.GetEnvironmentVariable("CONTAINER_ENGINE");
        var hasDocker = ProcessRunner.Which("dockerd") is not null && ProcessRunner.Which("docker") is not null;
        var hasPodman = ProcessRunner.Which("podman") is not null && ProcessRunner.Which("runc") is not null;
        return forced switch
        {
            "docker" => hasDocker ? "docker" : null,
            "podman" => hasPodman ? "podman" : null,
            _ => hasDocker ? "docker" : hasPodman ? "podman" : null,
        };
    }

    private static string? FindMissing()
    {
        var missing = new[] { "docker-registry", "skopeo", "umoci", "jq", "curl", "apt-get", "dpkg-deb", "ldconfig", "bash", "git", "su", "chroot", "docker-compose" }
            .Where(tool => ProcessRunner.Which(tool) is null)
            .ToList();
        if (Engine is null)
        {
            missing.Add("dockerd+docker or podman+runc");
        }

        missing.AddRange(new[] { "initdb", "pg_ctl", "psql" }
            .Where(tool => !File.Exists(Path.Combine(PgBin, tool)))
            .Select(tool => Path.Combine(PgBin, tool)));
        if (!IsRoot)
        {
            missing.Add("root (dockerd, umoci unpack and dpkg-deb -x need it)");
        }

        return missing.Count == 0 ? null : $"missing: {string.Join(", ", missing)} (install: {InstallHint})";
    }
}

/// <summary>A fact that needs the container tool chain: skipped with the reason when it is missing, unless CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerFactAttribute : FactAttribute
{
    public ContainerFactAttribute()
    {
        if (Tooling.MissingReason is { } reason && !Tooling.RequiredByCi)
        {
            Skip = $"{reason}; under CI=true this test fails instead";
        }
    }
}
