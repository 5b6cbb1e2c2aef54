using System.Text.Json.Nodes;
using FakeShop.Deployment.Tests.Support;

namespace FakeShop.Deployment.Tests;

/// <summary>The YAML reader the other tests rely on.</summary>
public sealed class YamlLoaderTests
{
    [Fact]
    public void Reads_every_document_and_types_plain_scalars_only()
    {
        var docs = Yaml.ParseAll("a: 3\nb: \"3\"\nc: true\nd: 'true'\ne: ~\n---\nkind: Second\n");
        Assert.Equal(2, docs.Count);
        var first = Assert.IsType<JsonObject>(docs[0]);
        Assert.Equal(3, first.Int("a"));
        Assert.Equal("3", first.Str("b"));
        Assert.True(first.Bool("c"));
        Assert.Equal("true", first.Str("d"));
        Assert.Null(first["e"]);
        Assert.Equal("Second", docs[1]!.Str("kind"));
    }

    [Fact]
    public void Applies_merge_keys_without_overriding_explicit_keys()
    {
        var doc = Yaml.ParseAll("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 5\n")[0]!;
        Assert.Equal(1, doc.Int("use", "x"));
        Assert.Equal(5, doc.Int("use", "y"));
    }

    [Fact]
    public void Rejects_duplicate_keys()
    {
        Assert.Throws<InvalidDataException>(() => Yaml.ParseAll("a: 1\na: 2\n"));
    }
}
