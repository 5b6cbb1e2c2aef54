using System.Net;
using System.Text.RegularExpressions;

namespace FakeShop.Container.Tests;

/// <summary>The app image as it runs: `migrate`, then serving with --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges.</summary>
[Collection(ContainerCollection.Name)]
public sealed class RunningContainerTests(ContainerFixture fixture)
{
    // Executables a shell-less, package-manager-less image must not contain (checked with lstat, so dangling links count too).
    private static readonly string[] ForbiddenPaths =
    [
        "bin/sh", "bin/bash", "bin/dash", "bin/busybox", "usr/bin/sh", "usr/bin/bash", "usr/bin/dash", "usr/bin/busybox",
        "usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg", "usr/bin/dpkg-deb", "sbin/apk", "usr/bin/microdnf", "usr/bin/rpm",
        "usr/bin/perl", "usr/bin/python3", "usr/bin/curl", "usr/bin/wget", "usr/bin/env", "usr/sbin/ldconfig", "sbin/ldconfig",
    ];

    private static readonly string[] SeedProducts = ["Webcam 4K Ultra", "Câmera DSLR Pro 24 MP", "Câmera de Ação Go", "Microfone Condensador USB", "Caixa de Som Portátil"];

    private string ProcRoot => $"/proc/{fixture.AppPid}/root";

    [ContainerFact]
    public void Migrate_command_exits_zero()
    {
        Assert.NotNull(fixture.Migrate);
        Assert.True(fixture.Migrate.ExitCode == 0, fixture.Migrate.Describe());
    }

    [ContainerFact]
    public void App_process_runs_as_uid_1654_without_capabilities_or_new_privileges()
    {
        var status = File.ReadAllLines($"/proc/{fixture.AppPid}/status")
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);

        Assert.Equal(["1654", "1654", "1654", "1654"], status["Uid"].Split('\t', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["1654", "1654", "1654", "1654"], status["Gid"].Split('\t', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("0000000000000000", status["CapEff"]);
        Assert.Equal("0000000000000000", status["CapPrm"]);
        Assert.Equal("0000000000000000", status["CapBnd"]);
        Assert.Equal("1", status["NoNewPrivs"]);
        Assert.Equal(ContainerFixture.AppEntrypoint, File.ReadAllText($"/proc/{fixture.AppPid}/cmdline").Split('\0')[0]);
    }

    [ContainerFact]
    public void Root_filesystem_is_read_only_and_tmp_is_a_tmpfs()
    {
        // mountinfo: id parent major:minor root mount-point options ... - fstype source super-options
        var mounts = File.ReadAllLines($"/proc/{fixture.AppPid}/mountinfo")
            .Select(line => line.Split(' '))
            .Select(f => (Point: f[4], Options: f[5].Split(','), Type: f[Array.IndexOf(f, "-") + 1]))
            .ToList();

        var root = mounts.Last(m => m.Point == "/");
        Assert.Contains("ro", root.Options);
        var tmp = mounts.Last(m => m.Point == "/tmp");
        Assert.Equal("tmpfs", tmp.Type);
        Assert.Contains("rw", tmp.Options);
    }

    [ContainerFact]
    public void Image_has_no_shell_package_manager_or_other_executables()
    {
        Assert.True(Directory.Exists(Path.Combine(ProcRoot, "app")), $"{ProcRoot}/app missing: wrong pid?");
        var present = ForbiddenPaths.Where(p => Exists(Path.Combine(ProcRoot, p))).ToList();
        Assert.True(present.Count == 0, "found in the image: " + string.Join(", ", present));

        // Distroless: the only thing in the usual bin directories may be the dotnet host (framework-dependent base).
        var executables = new[] { "bin", "sbin", "usr/bin", "usr/sbin", "usr/local/bin", "usr/local/sbin" }
            .Select(dir => Path.Combine(ProcRoot, dir))
            .Where(dir => Directory.Exists(dir) && new DirectoryInfo(dir).LinkTarget is null)
            .SelectMany(Directory.EnumerateFileSystemEntries)
            .Select(path => path[(ProcRoot.Length + 1)..])
            .Where(path => path != "usr/bin/dotnet")
            .ToList();
        Assert.True(executables.Count == 0, "unexpected entries in bin directories: " + string.Join(", ", executables));
    }

    [ContainerFact]
    public async Task App_files_belong_to_root_and_are_not_writable_by_the_app_user()
    {
        var appDir = Path.Combine(ProcRoot, "app");
        Assert.True(File.Exists(Path.Combine(appDir, "FakeShop.Web.dll")), "FakeShop.Web.dll not in /app");
        var find = await ProcessRunner.RunAsync("find", [appDir, "(", "!", "-uid", "0", "-o", "-perm", "/022", ")", "-print"]);
        Assert.True(find.Succeeded && find.StandardOutput.Length == 0,
            "files in /app not owned by root or group/other-writable: " + find.Describe(10));
        Assert.False(Directory.Exists(Path.Combine(ProcRoot, "src")), "build-stage sources leaked into the runtime image");
    }

    [ContainerFact]
    public async Task Health_endpoints_answer_200()
    {
        foreach (var path in new[] { "health/ready", "health/live" })
        {
            using var response = await fixture.Http.GetAsync(new Uri(fixture.AppBaseAddress, path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{path} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [ContainerFact]
    public async Task Catalogue_pages_list_the_seeded_products()
    {
        foreach (var path in new[] { "Shop", string.Empty })
        {
            using var response = await fixture.Http.GetAsync(new Uri(fixture.AppBaseAddress, path));
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{path} -> {(int)response.StatusCode}{Environment.NewLine}{await fixture.AppLogsAsync()}");
            Assert.True(SeedProducts.Any(name => WebUtility.HtmlDecode(html).Contains(name, StringComparison.Ordinal)),
                $"/{path} shows none of the seeded products; page starts with: {html[..Math.Min(html.Length, 600)]}");
            // Prices come out formatted (invariant globalization must not break the money formatting).
            Assert.Matches(new Regex(@"R\$\s*\d{1,3}(\.\d{3})*,\d{2}"), WebUtility.HtmlDecode(html));
        }
    }

    [ContainerFact]
    public async Task Metrics_endpoint_serves_prometheus_text()
    {
        // Production: /metrics only on the management port (issue 14), never on the public one.
        using (var hidden = await fixture.Http.GetAsync(new Uri(fixture.AppBaseAddress, "metrics")))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using var response = await fixture.Http.GetAsync(new Uri(fixture.AppMetricsAddress, "metrics"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", body, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eE]+", RegexOptions.Multiline), body);
    }

    private static bool Exists(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null || info.Exists || Directory.Exists(path);
    }
}
