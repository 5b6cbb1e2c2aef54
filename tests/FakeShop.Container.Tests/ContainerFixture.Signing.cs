using System.Net.Http.Headers;

namespace FakeShop.Container.Tests;

/// <summary>Signing support: one key pair (plus a second, "wrong" one) per test run, in the fixture's temp dir.</summary>
public sealed partial class ContainerFixture
{
    private const string KeyPassword = "container-tests";
    private static readonly string[] InheritedCosignVariables =
        ["COSIGN_IMPL", "COSIGN_TLOG", "COSIGN_KEY", "COSIGN_PUBLIC_KEY", "COSIGN_PASSWORD", "COSIGN_REPOSITORY", "COSIGN_ALLOW_INSECURE_REGISTRY", "COSIGN_DOCKER_MEDIA_TYPES"];

    private readonly SemaphoreSlim _signingLock = new(1, 1);
    private readonly HashSet<string> _signed = new(StringComparer.Ordinal);
    private SigningKeys? _keys;

    public sealed record SigningKeys(string PrivateKey, string PublicKey, string WrongPublicKey);

    public async Task<SigningKeys> SigningKeysAsync()
    {
        await _signingLock.WaitAsync();
        try
        {
            if (_keys is null)
            {
                var dir = Path.Combine(WorkDir, "keys");
                Directory.CreateDirectory(dir);
                foreach (var prefix in new[] { "cosign", "wrong" })
                {
                    (await ScriptAsync("docker/generate-keys.sh", [Path.Combine(dir, prefix)], CosignEnvironment(), TimeSpan.FromMinutes(5))).EnsureSuccess();
                }

                _keys = new SigningKeys(Path.Combine(dir, "cosign.key"), Path.Combine(dir, "cosign.pub"), Path.Combine(dir, "wrong.pub"));
            }

            return _keys;
        }
        finally
        {
            _signingLock.Release();
        }
    }

    /// <summary>Signs IMAGE with docker/sign.sh once per reference; the script prints the signed repo@digest.</summary>
    public async Task EnsureSignedAsync(string image)
    {
        var keys = await SigningKeysAsync();
        await _signingLock.WaitAsync();
        try
        {
            if (_signed.Contains(image))
            {
                return;
            }

            var env = CosignEnvironment();
            env["COSIGN_KEY"] = keys.PrivateKey;
            var sign = (await ScriptAsync("docker/sign.sh", [image], env, TimeSpan.FromMinutes(5))).EnsureSuccess();
            var signed = sign.StandardOutput.Trim().Split('\n')[^1];
            if (!signed.Contains("@sha256:", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"docker/sign.sh did not print the signed digest: {sign.Describe()}");
            }

            _signed.Add(image);
        }
        finally
        {
            _signingLock.Release();
        }
    }

    public Task<ProcessResult> VerifyAsync(string image, string publicKey)
    {
        var env = CosignEnvironment();
        env["COSIGN_PUBLIC_KEY"] = publicKey;
        return ScriptAsync("docker/verify.sh", [image], env, TimeSpan.FromMinutes(5));
    }

    /// <summary>Copies a manifest, byte for byte, to another tag of the same repository.</summary>
    public async Task PutManifestAsync(string repository, string tag, string digest)
    {
        var (body, mediaType, _) = await GetManifestAsync(repository, digest);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await Http.PutAsync(new Uri($"http://{Registry}/v2/{repository}/manifests/{tag}"), content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT manifest {repository}:{tag} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private Dictionary<string, string?> CosignEnvironment()
    {
        var env = InheritedCosignVariables.ToDictionary(v => v, _ => (string?)null, StringComparer.Ordinal);
        env["COSIGN_PASSWORD"] = KeyPassword;
        env["COSIGN_TLOG"] = "false";
        env["COSIGN_ALLOW_INSECURE_REGISTRY"] = "true";
        return env;
    }
}
