namespace FakeShop.Cosign.Tests;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/fakeshop/web:v1", "127.0.0.1:5000", "fakeshop/web", "v1", null)]
    [InlineData("localhost/web", "localhost", "web", "latest", null)]
    [InlineData("alpine", "index.docker.io", "library/alpine", "latest", null)]
    [InlineData("docker.io/acme/app:1.2", "index.docker.io", "acme/app", "1.2", null)]
    [InlineData("ghcr.io/acme/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ghcr.io", "acme/app", null,
        "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Parses_like_docker(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal(registry + "/" + repository, reference.Name);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/Upper/case")]
    [InlineData("127.0.0.1:5000/app@sha256:short")]
    [InlineData("127.0.0.1:5000/app:bad tag")]
    [InlineData("")]
    public void Rejects_invalid_references(string text) =>
        Assert.Throws<UsageException>(() => ImageReference.Parse(text));

    [Fact]
    public void Digest_is_what_the_registry_is_asked_for_once_resolved()
    {
        var digest = "sha256:" + new string('c', 64);

        var pinned = ImageReference.Parse("127.0.0.1:5000/app:v1").WithDigest(digest);

        Assert.Equal(digest, pinned.ManifestReference);
        Assert.Equal("127.0.0.1:5000/app@" + digest, pinned.ToString());
    }

    [Theory]
    [InlineData("http://r:5000/", "/v2/app/blobs/uploads/abc", "http://r:5000/v2/app/blobs/uploads/abc?digest=sha256%3Aff")]
    [InlineData("http://r:5000/", "/v2/app/blobs/uploads/abc?_state=xyz", "http://r:5000/v2/app/blobs/uploads/abc?_state=xyz&digest=sha256%3Aff")]
    [InlineData("http://r:5000/", "https://cdn.example/up?sig=1&x=2", "https://cdn.example/up?sig=1&x=2&digest=sha256%3Aff")]
    public void Upload_location_keeps_its_query_and_gets_the_digest(string baseUri, string location, string expected)
    {
        var uri = RegistryClient.UploadUri(new Uri(baseUri), new Uri(location, UriKind.RelativeOrAbsolute), "sha256:ff");

        Assert.Equal(expected, uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry.example", false)]
    [InlineData("10.0.0.1:5000", false)]
    public void Only_loopback_registries_get_plain_http_by_default(string registry, bool loopback) =>
        Assert.Equal(loopback, RegistryClient.IsLoopback(registry));
}
