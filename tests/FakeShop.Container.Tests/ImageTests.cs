using System.Globalization;
using System.Text.Json;

namespace FakeShop.Container.Tests;

/// <summary>The pushed image's manifest and config, read back from the test registry.</summary>
[Collection(ContainerCollection.Name)]
public sealed class ImageTests(ContainerFixture fixture)
{
    // Budgets from measurements (docs/container-image.md): framework-dependent on the distroless aspnet base,
    // no ICU, 2026-11: 5.7 MB (OS) + 47.6 MB (.NET runtime) + 4.6 MB (app) = 57.9 MB compressed, 135 MB unpacked.
    // Headroom for app growth and for podman, which recompresses the base layers itself on push.
    public const long CompressedBudgetBytes = 64_000_000;
    public const long UnpackedBudgetBytes = 150_000_000;

    [ContainerFact]
    public async Task Config_runs_the_app_itself_as_uid_1654_on_port_8080()
    {
        using var config = await fixture.GetImageConfigAsync(ContainerFixture.ImageName, fixture.Digest);
        var c = config.RootElement.GetProperty("config");

        Assert.Equal("1654", c.GetProperty("User").GetString());
        Assert.Equal([ContainerFixture.AppEntrypoint], c.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.True(!c.TryGetProperty("Cmd", out var cmd) || cmd.ValueKind == JsonValueKind.Null || cmd.GetArrayLength() == 0,
            "Cmd should be empty so `docker run IMAGE migrate` passes exactly `migrate` to the app");
        Assert.Equal("/app", c.GetProperty("WorkingDir").GetString());
        Assert.True(c.GetProperty("ExposedPorts").TryGetProperty("8080/tcp", out _), "EXPOSE 8080 missing");
        var env = c.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", env);
        Assert.Contains("DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY=false", env);
    }

    [ContainerFact]
    public async Task Config_has_oci_labels_for_source_revision_and_version()
    {
        using var config = await fixture.GetImageConfigAsync(ContainerFixture.ImageName, fixture.Digest);
        var labels = config.RootElement.GetProperty("config").GetProperty("Labels");
        string Label(string name) => labels.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : string.Empty;

        Assert.Equal(fixture.BuildRevision, Label("org.opencontainers.image.revision"));
        Assert.Matches("^[0-9a-f]{40}$", fixture.BuildRevision);
        Assert.NotEmpty(Label("org.opencontainers.image.source"));
        Assert.NotEmpty(Label("org.opencontainers.image.version"));
        Assert.Equal(fixture.Tags[0], Label("org.opencontainers.image.version"));
        Assert.True(DateTimeOffset.TryParse(Label("org.opencontainers.image.created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
            "org.opencontainers.image.created is not a timestamp");
    }

    [ContainerFact]
    public async Task Version_and_commit_tags_point_at_the_printed_digest()
    {
        Assert.Equal(2, fixture.Tags.Count);
        Assert.StartsWith(fixture.Tags[1], fixture.BuildRevision, StringComparison.Ordinal);
        foreach (var tag in fixture.Tags)
        {
            var (_, _, digest) = await fixture.GetManifestAsync(ContainerFixture.ImageName, tag);
            Assert.Equal(fixture.Digest, digest);
        }
    }

    [ContainerFact]
    public async Task Image_is_the_runtime_base_plus_only_the_app()
    {
        var baseLayers = await LayersAsync("dotnet/aspnet", "10.0-distroless");
        var appLayers = await LayersAsync(ContainerFixture.ImageName, fixture.Digest);

        Assert.True(appLayers.Count > baseLayers.Count, "the app image has no layers of its own");
        // podman recompresses the base layers on push, so compare by count there; docker pushes them unchanged.
        if (fixture.EngineName == "docker")
        {
            Assert.Equal(baseLayers.Select(l => l.Digest), appLayers.Take(baseLayers.Count).Select(l => l.Digest));
        }

        var added = appLayers.Skip(baseLayers.Count).Sum(l => l.Size);
        fixture.Log($"layers: base {string.Join(" + ", baseLayers.Select(l => Mb(l.Size)))} MB, app adds {Mb(added)} MB");
        Assert.True(added < 15_000_000, $"the app adds {Mb(added)} MB compressed: more than the published app?");
    }

    /// <summary>
    /// Reproducibility (docs/container-image.md): the app layer's bytes depend on the commit, not on when it was
    /// built. Building one commit twice showed two sources of difference, both stamped with the build time: file
    /// and /app directory mtimes, and the Last-Modified headers in the static-asset manifest. Both now carry the
    /// commit time, as does the created label.
    /// </summary>
    [ContainerFact]
    public async Task App_layer_and_created_label_carry_the_commit_time_not_the_build_time()
    {
        var git = await ProcessRunner.RunAsync("git", ["log", "-1", "--format=%ct", fixture.BuildRevision], null, TimeSpan.FromSeconds(30), fixture.RepositoryRoot);
        var commitTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(git.EnsureSuccess().StandardOutput.Trim(), CultureInfo.InvariantCulture));
        using var config = await fixture.GetImageConfigAsync(ContainerFixture.ImageName, fixture.Digest);
        var created = config.RootElement.GetProperty("config").GetProperty("Labels").GetProperty("org.opencontainers.image.created").GetString();
        var appLayer = (await LayersAsync(ContainerFixture.ImageName, fixture.Digest))[^1];
        var blob = await fixture.Http.GetByteArrayAsync(new Uri($"http://{fixture.Registry}/v2/{ContainerFixture.ImageName}/blobs/{appLayer.Digest}"));

        var entries = new List<(string Name, DateTimeOffset Modified)>();
        string? endpoints = null;
        using (var tar = new System.Formats.Tar.TarReader(new System.IO.Compression.GZipStream(new MemoryStream(blob), System.IO.Compression.CompressionMode.Decompress)))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                entries.Add((entry.Name, entry.ModificationTime));
                if (entry.Name.EndsWith(".staticwebassets.endpoints.json", StringComparison.Ordinal) && entry.DataStream is { } data)
                {
                    endpoints = await new StreamReader(data).ReadToEndAsync();
                }
            }
        }

        Assert.Equal(commitTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), created);
        Assert.Contains(entries, e => e.Name.TrimEnd('/') == "app");
        Assert.All(entries, e => Assert.True(e.Modified == commitTime, $"{e.Name}: mtime {e.Modified:O}, commit {commitTime:O}"));
        Assert.NotNull(endpoints);
        var lastModified = System.Text.RegularExpressions.Regex.Matches(endpoints, "\"Last-Modified\",\"Value\":\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(lastModified);
        Assert.All(lastModified, v => Assert.Equal(commitTime.ToString("R", CultureInfo.InvariantCulture), v));
    }

    [ContainerFact]
    public async Task Image_size_is_within_the_budget()
    {
        var layers = await LayersAsync(ContainerFixture.ImageName, fixture.Digest);
        var compressed = layers.Sum(l => l.Size);
        var inspect = await fixture.EngineAsync(["image", "inspect", "-f", "{{.Size}}", fixture.ImageReference]);
        var unpacked = long.Parse(inspect.EnsureSuccess().StandardOutput.Trim(), CultureInfo.InvariantCulture);
        fixture.Log($"image size: {Mb(compressed)} MB compressed ({layers.Count} layers), {Mb(unpacked)} MB unpacked");

        Assert.True(compressed <= CompressedBudgetBytes, $"{Mb(compressed)} MB compressed > budget {Mb(CompressedBudgetBytes)} MB");
        Assert.True(unpacked <= UnpackedBudgetBytes, $"{Mb(unpacked)} MB unpacked > budget {Mb(UnpackedBudgetBytes)} MB");
    }

    /// <summary>Issue 14: appsettings.Development.json holds the development admin password.</summary>
    [ContainerFact]
    public async Task Image_carries_the_app_settings_but_not_the_development_ones()
    {
        var name = $"fakeshop-ct-files-{Guid.NewGuid():N}"[..28];
        var dir = Directory.CreateTempSubdirectory("fakeshop-ct-app-").FullName;
        (await fixture.EngineAsync(["create", "--name", name, fixture.ImageReference])).EnsureSuccess();
        try
        {
            (await fixture.EngineAsync(["cp", $"{name}:/app/.", dir])).EnsureSuccess();
            Assert.True(File.Exists(Path.Combine(dir, "FakeShop.Web.dll")), "no /app/FakeShop.Web.dll in the image");
            Assert.True(File.Exists(Path.Combine(dir, "appsettings.json")), "no /app/appsettings.json in the image");
            Assert.Empty(Directory.GetFiles(dir, "appsettings.Development*.json", SearchOption.AllDirectories));
        }
        finally
        {
            await fixture.EngineAsync(["rm", "-f", name]);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Mb(long bytes) => (bytes / 1_000_000d).ToString("F1", CultureInfo.InvariantCulture);

    private async Task<List<(string Digest, long Size)>> LayersAsync(string repository, string reference)
    {
        var (body, _, _) = await fixture.GetManifestAsync(repository, reference);
        using var manifest = JsonDocument.Parse(body);
        return manifest.RootElement.GetProperty("layers").EnumerateArray()
            .Select(l => (l.GetProperty("digest").GetString()!, l.GetProperty("size").GetInt64()))
            .ToList();
    }
}
