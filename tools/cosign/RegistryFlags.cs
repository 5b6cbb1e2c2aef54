namespace FakeShop.Cosign;

/// <summary>The registry flags sign and verify share, with cosign's names.</summary>
internal static class RegistryFlags
{
    public const string AllowInsecure = "allow-insecure-registry";
    public const string AllowHttp = "allow-http-registry";

    public static void AddTo(Dictionary<string, string> booleanOptions)
    {
        booleanOptions["--" + AllowInsecure] = AllowInsecure;
        booleanOptions["--" + AllowHttp] = AllowHttp;
    }

    public static RegistryClient CreateClient(ParsedArguments parsed, ImageReference image) =>
        new(image.Registry, allowHttp: parsed.Flag(AllowHttp), skipTlsVerify: parsed.Flag(AllowInsecure));
}
