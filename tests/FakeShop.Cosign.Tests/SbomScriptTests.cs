using System.Text.Json;
using System.Xml.Linq;

namespace FakeShop.Cosign.Tests;

/// <summary>
/// docker/sbom.sh on its own: the NuGet part comes from the real CycloneDX tool over src/Web, the Debian part
/// from status files laid out exactly as docker/base/lib.sh's extract_debs writes them into the runtime base.
/// (The container tests check the same script against a real built image.)
/// </summary>
public sealed class SbomScriptTests
{
    [Fact]
    public async Task Sbom_lists_the_apps_nuget_packages_and_the_debian_packages_with_purls_in_one_document()
    {
        var dir = Directory.CreateTempSubdirectory("sbom-script-").FullName;
        try
        {
            var status = Path.Combine(dir, "status.d");
            Directory.CreateDirectory(status);
            await File.WriteAllTextAsync(Path.Combine(status, "libc6"),
                "Package: libc6\nVersion: 2.36-9+deb12u13\nArchitecture: amd64\nSource: glibc\nMaintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\nDepends: libgcc-s1\nStatus: install ok installed\n");
            await File.WriteAllTextAsync(Path.Combine(status, "libssl3"),
                "Package: libssl3\nVersion: 3.0.17-1~deb12u2\nArchitecture: amd64\nSource: openssl\nMaintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>\nDepends: libc6 (>= 2.34)\nStatus: install ok installed\n");
            await File.WriteAllTextAsync(Path.Combine(status, "tzdata"),
                "Package: tzdata\nVersion: 2025b-0+deb12u1\nArchitecture: all\nMaintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\nStatus: install ok installed\n");
            var output = Path.Combine(dir, "out", "sbom.cdx.json");

            var result = await ScriptRunner.RunAsync("sbom.sh", new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" },
                "--status-dir", status, "--output", output, "--name", "127.0.0.1:5000/fakeshop/web", "--version", "1.2.3");

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("NuGet and 3 Debian packages", result.Error);
            using var sbom = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var root = sbom.RootElement;
            Assert.Equal("CycloneDX", root.GetProperty("bomFormat").GetString());
            Assert.Equal("1.6", root.GetProperty("specVersion").GetString());
            Assert.Equal("2023-11-14T22:13:20Z", root.GetProperty("metadata").GetProperty("timestamp").GetString());
            var container = root.GetProperty("metadata").GetProperty("component");
            Assert.Equal("container", container.GetProperty("type").GetString());
            Assert.Equal("127.0.0.1:5000/fakeshop/web", container.GetProperty("name").GetString());
            var components = root.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

            var npgsqlVersion = CentralVersion("Npgsql");
            Assert.Equal(npgsqlVersion, components["Npgsql"].GetProperty("version").GetString());
            Assert.Equal($"pkg:nuget/Npgsql@{npgsqlVersion}", components["Npgsql"].GetProperty("purl").GetString());
            Assert.Equal("pkg:deb/debian/libc6@2.36-9+deb12u13?arch=amd64&distro=debian-12", components["libc6"].GetProperty("purl").GetString());
            Assert.Equal("3.0.17-1~deb12u2", components["libssl3"].GetProperty("version").GetString());
            Assert.Equal("pkg:deb/debian/libssl3@3.0.17-1~deb12u2?arch=amd64&distro=debian-12", components["libssl3"].GetProperty("purl").GetString());
            Assert.Contains(components["libssl3"].GetProperty("properties").EnumerateArray(), p => p.GetProperty("value").GetString() == "openssl");
            Assert.Equal("pkg:deb/debian/tzdata@2025b-0+deb12u1?arch=all&distro=debian-12", components["tzdata"].GetProperty("purl").GetString());
            Assert.Equal("application", components["FakeShop.Web"].GetProperty("type").GetString());

            // The container depends on the app and on every Debian package, so the graph has one root.
            var rootDeps = root.GetProperty("dependencies").EnumerateArray()
                .Single(d => d.GetProperty("ref").GetString() == container.GetProperty("bom-ref").GetString())
                .GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains(components["libc6"].GetProperty("bom-ref").GetString(), rootDeps);
            Assert.Contains(components["FakeShop.Web"].GetProperty("bom-ref").GetString(), rootDeps);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Sbom_script_refuses_an_empty_package_list()
    {
        var dir = Directory.CreateTempSubdirectory("sbom-empty-").FullName;
        try
        {
            var result = await ScriptRunner.RunAsync("sbom.sh", new Dictionary<string, string>(),
                "--status-dir", dir, "--output", Path.Combine(dir, "sbom.json"));

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("no Debian packages found", result.Error);
            Assert.False(File.Exists(Path.Combine(dir, "sbom.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string CentralVersion(string package) =>
        XDocument.Load(Path.Combine(TestData.RepositoryRoot(), "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;
}
