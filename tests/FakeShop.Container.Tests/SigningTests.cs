using System.Text.Json;
using System.Xml.Linq;

namespace FakeShop.Container.Tests;

/// <summary>
/// docker/generate-keys.sh, docker/sign.sh and docker/verify.sh against the image docker/build.sh pushed
/// (the real cosign CLI when installed, otherwise the project's cosign-format tool in tools/cosign).
/// A tampered payload is covered by the cosign tool's own tests (tests/FakeShop.Cosign.Tests).
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class SigningTests(ContainerFixture fixture)
{
    [ContainerFact]
    public async Task Signed_image_verifies_with_the_public_key()
    {
        var keys = await fixture.SigningKeysAsync();
        await fixture.EnsureSignedAsync(fixture.ImageReference);

        var verify = await fixture.VerifyAsync(fixture.ImageReference, keys.PublicKey);
        Assert.True(verify.ExitCode == 0, verify.Describe());
        Assert.Contains(fixture.Digest, verify.StandardOutput, StringComparison.Ordinal);

        // By tag too: verify.sh resolves the tag to the same digest.
        var byTag = await fixture.VerifyAsync($"{fixture.Repository}:{fixture.Tags[0]}", keys.PublicKey);
        Assert.True(byTag.ExitCode == 0, byTag.Describe());
    }

    [ContainerFact]
    public async Task Signed_image_carries_the_builds_sbom_as_a_verified_attestation()
    {
        var keys = await fixture.SigningKeysAsync();
        await fixture.EnsureSignedAsync(fixture.ImageReference);

        var verify = await fixture.VerifyAsync(fixture.ImageReference, keys.PublicKey, "--print-sbom");

        Assert.True(verify.ExitCode == 0, verify.Describe());
        Assert.Contains("has a CycloneDX SBOM attestation signed by", verify.StandardError, StringComparison.Ordinal);
        using var printed = JsonDocument.Parse(verify.StandardOutput);
        using var built = JsonDocument.Parse(await File.ReadAllTextAsync(fixture.SbomFile));
        Assert.True(JsonElement.DeepEquals(built.RootElement, printed.RootElement), "the attested SBOM is not the one docker/build.sh wrote");

        var components = printed.RootElement.GetProperty("components").EnumerateArray().ToList();
        string? Purl(string name) => components.Single(c => c.GetProperty("name").GetString() == name).GetProperty("purl").GetString();
        var npgsql = XDocument.Load(Path.Combine(fixture.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == "Npgsql").Attribute("Version")!.Value;
        Assert.Equal($"pkg:nuget/Npgsql@{npgsql}", Purl("Npgsql"));
        Assert.Matches(@"^pkg:deb/debian/libc6@2\.36-[^?]+\?arch=amd64&distro=debian-12$", Purl("libc6"));
        Assert.Matches(@"^pkg:deb/debian/libssl3@3\.[^?]+\?arch=amd64&distro=debian-12$", Purl("libssl3"));
        Assert.Equal("container", printed.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("type").GetString());
    }

    [ContainerFact]
    public async Task Unsigned_image_fails_verification()
    {
        var keys = await fixture.SigningKeysAsync();

        var verify = await fixture.VerifyAsync(fixture.RuntimeDepsImage, keys.PublicKey);
        AssertRejected(verify);
    }

    [ContainerFact]
    public async Task Image_pushed_under_a_signed_tag_after_signing_fails_verification()
    {
        var keys = await fixture.SigningKeysAsync();
        var tag = $"{fixture.Repository}:moved-{Guid.NewGuid():N}"[..(fixture.Repository.Length + 15)];
        await fixture.PutManifestAsync(ContainerFixture.ImageName, tag[(tag.LastIndexOf(':') + 1)..], fixture.Digest);
        await fixture.EnsureSignedAsync(tag);
        var before = await fixture.VerifyAsync(tag, keys.PublicKey);
        Assert.True(before.ExitCode == 0, before.Describe());

        // Someone pushes another image under the same tag: the signature was for the old digest only.
        (await ProcessRunner.RunAsync("skopeo",
        [
            "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false", $"docker://{fixture.RuntimeDepsImage}", $"docker://{tag}",
        ], timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();

        AssertRejected(await fixture.VerifyAsync(tag, keys.PublicKey));
        var original = await fixture.VerifyAsync(fixture.ImageReference, keys.PublicKey);
        Assert.True(original.ExitCode == 0, "the original digest must still verify: " + original.Describe());
    }

    [ContainerFact]
    public async Task Wrong_public_key_fails_verification()
    {
        var keys = await fixture.SigningKeysAsync();
        await fixture.EnsureSignedAsync(fixture.ImageReference);

        AssertRejected(await fixture.VerifyAsync(fixture.ImageReference, keys.WrongPublicKey));
    }

    private static void AssertRejected(ProcessResult verify)
    {
        Assert.True(verify.ExitCode != 0, "verification passed but must fail: " + verify.Describe());
        // verify.sh's own verdict, not a crash before the check.
        Assert.Contains("FAILED", verify.StandardError, StringComparison.Ordinal);
    }
}
