using System.Text.RegularExpressions;

namespace FakeShop.Cosign;

/// <summary>
/// A parsed image reference "registry/repository[:tag][@sha256:…]", following Docker's rules for the implied
/// registry (Docker Hub when the first part has no dot, colon or is not localhost) so the
/// docker-reference we sign matches what cosign would write.
/// </summary>
internal sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "index.docker.io";

    /// <summary>Registry plus repository, no tag or digest: cosign's docker-reference and signature repository.</summary>
    public string Name => Registry + "/" + Repository;

    /// <summary>The tag or digest to ask the registry for; a digest wins because it cannot move.</summary>
    public string ManifestReference => Digest ?? Tag ?? "latest";

    public override string ToString() =>
        Name + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    public ImageReference WithDigest(string digest) => this with { Tag = null, Digest = digest };

    public static ImageReference Parse(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new UsageException("an image reference is required");
        }

        var rest = reference;
        string? digest = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!Digests.IsSha256(digest))
            {
                throw new UsageException($"invalid digest in \"{reference}\": only sha256:<64 lowercase hex> is supported");
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                throw new UsageException($"invalid tag in \"{reference}\"");
            }
        }

        string registry;
        string repository;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : rest[..slash];
        if (slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            registry = first;
            repository = rest[(slash + 1)..];
        }
        else
        {
            registry = DockerHub;
            repository = slash < 0 ? "library/" + rest : rest;
        }

        if (registry is "docker.io" or "registry-1.docker.io")
        {
            registry = DockerHub;
        }

        if (!RepositoryPattern().IsMatch(repository))
        {
            throw new UsageException($"invalid repository in \"{reference}\": use lowercase letters, digits, '.', '_', '-' and '/'");
        }

        return new ImageReference(registry, repository, digest is null ? tag ?? "latest" : tag, digest);
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();
}
