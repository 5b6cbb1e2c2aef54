using System.Net.Http.Headers;

namespace FakeShop.Container.Tests;

/// <summary>
/// Signing support, the CI path: the signing key comes from the COSIGN_PRIVATE_KEY (+ COSIGN_PASSWORD) secret
/// when the environment has one, otherwise docker/ci-key.sh makes a throwaway pair for this run and the log
/// says so. A second, "wrong" pair is always made here.
/// </summary>
public sealed partial class ContainerFixture
{
    private const string KeyPassword = "container-tests";
    private static readonly string[] InheritedCosignVariables =
        ["COSIGN_IMPL", "COSIGN_TLOG", "COSIGN_KEY", "COSIGN_PUBLIC_KEY", "COSIGN_PASSWORD", "COSIGN_REPOSITORY", "COSIGN_ALLOW_INSECURE_REGISTRY", "COSIGN_DOCKER_MEDIA_TYPES"];

    private readonly SemaphoreSlim _signingLock = new(1, 1);
    private readonly HashSet<string> _signed = new(StringComparer.Ordinal);
    private SigningKeys? _keys;
    private string _password = KeyPassword;

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
                var secret = Environment.GetEnvironmentVariable("COSIGN_PRIVATE_KEY");
                var ciEnv = CosignEnvironment();
                if (!string.IsNullOrEmpty(secret))
                {
                    _password = Environment.GetEnvironmentVariable("COSIGN_PASSWORD") ?? string.Empty;
                    ciEnv["COSIGN_PRIVATE_KEY"] = secret;
                    ciEnv["COSIGN_PASSWORD"] = _password;
                }

                var ci = (await ScriptAsync("docker/ci-key.sh", [Path.Combine(dir, "ci")], ciEnv, TimeSpan.FromMinutes(5))).EnsureSuccess();
                Log($"signing key: {ci.StandardOutput.Trim()} ({ci.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()})");
                (await ScriptAsync("docker/generate-keys.sh", [Path.Combine(dir, "wrong")], CosignEnvironment(), TimeSpan.FromMinutes(5))).EnsureSuccess();

                _keys = new SigningKeys(Path.Combine(dir, "ci", "cosign.key"), Path.Combine(dir, "ci", "cosign.pub"), Path.Combine(dir, "wrong.pub"));
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
            env["COSIGN_PASSWORD"] = _password;
            env["SBOM_FILE"] = SbomFile;
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

    public Task<ProcessResult> VerifyAsync(string image, string publicKey, params string[] options)
    {
        var env = CosignEnvironment();
        env["COSIGN_PUBLIC_KEY"] = publicKey;
        return ScriptAsync("docker/verify.sh", [.. options, image], env, TimeSpan.FromMinutes(5));
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
        env["COSIGN_PRIVATE_KEY"] = null;
        env["COSIGN_PASSWORD"] = KeyPassword;
        env["COSIGN_TLOG"] = "false";
        env["COSIGN_ALLOW_INSECURE_REGISTRY"] = "true";
        return env;
    }
}
