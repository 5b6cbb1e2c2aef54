namespace FakeShop.Cosign;

/// <summary>A manifest exactly as the registry served it; the digest is sha256 of these bytes.</summary>
internal sealed record RegistryManifest(byte[] Content, string MediaType, string Digest);
