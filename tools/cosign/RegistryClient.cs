using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeShop.Cosign;

/// <summary>
/// Minimal OCI distribution v2 client: just what signing and verifying need (manifests by tag or digest,
/// blob download and the monolithic POST-then-PUT upload). Access is anonymous; plain HTTP is used only for
/// loopback registries or when the caller allowed an insecure registry, like cosign.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    /// <summary>
    /// Every manifest type we may meet. A tag pointing to an OCI manifest answers 404 when the OCI types are
    /// missing, and a multi-arch tag must resolve to its index (that is what cosign signs), so all are listed.
    /// </summary>
    public const string ManifestAccept =
        "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
        + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";

    private const int MaxManifestBytes = 4 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly string _registry;
    private readonly bool _allowHttp;
    private Uri? _baseUri;
    private AuthenticationHeaderValue? _authorization;

    /// <param name="registry">host[:port].</param>
    /// <param name="allowHttp">Fall back to plain HTTP when HTTPS fails (--allow-http-registry).</param>
    /// <param name="skipTlsVerify">Accept any certificate (--allow-insecure-registry, which also allows HTTP).</param>
    public RegistryClient(string registry, bool allowHttp, bool skipTlsVerify)
    {
        _registry = registry;
        _allowHttp = allowHttp || skipTlsVerify;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = true };
        if (skipTlsVerify)
        {
            // Opt-in (--allow-insecure-registry), as in cosign: self-signed test registries.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        // Everything we read is small (manifests, payloads, bundles); a registry must not make us buffer gigabytes.
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5), MaxResponseContentBufferSize = 2 * MaxManifestBytes };
    }

    public static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']', StringComparison.Ordinal) + 1)] : registry.Split(':')[0];
        return host is "localhost" or "127.0.0.1" or "[::1]" || host.EndsWith(".localhost", StringComparison.Ordinal);
    }

    /// <summary>Gets a manifest by tag or digest; null when the registry says it does not exist.</summary>
    public async Task<RegistryManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, "v2/" + repository + "/manifests/" + reference)
            {
                Headers = { { "Accept", ManifestAccept } },
            },
            repository,
            push: false,
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"getting manifest {repository}:{reference}", cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (content.Length > MaxManifestBytes)
        {
            throw new CosignException($"manifest {repository}:{reference} is larger than {MaxManifestBytes} bytes");
        }

        var digest = Digests.Sha256(content);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var headerDigests)
            && headerDigests.FirstOrDefault() is { } headerDigest
            && Digests.IsSha256(headerDigest)
            && headerDigest != digest)
        {
            throw new CosignException($"registry sent manifest bytes with digest {digest} but claims {headerDigest}");
        }

        if (reference.StartsWith(Digests.Sha256Prefix, StringComparison.Ordinal) && reference != digest)
        {
            throw new CosignException($"registry sent manifest with digest {digest} when asked for {reference}");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        return new RegistryManifest(content, mediaType, digest);
    }

    /// <summary>
    /// The digest of the manifest a reference points to, computed from the bytes served (and cross-checked
    /// with Docker-Content-Digest), so that a tag is never what gets signed or trusted.
    /// </summary>
    public async Task<string> ResolveDigestAsync(ImageReference image, CancellationToken cancellationToken)
    {
        var manifest = await GetManifestAsync(image.Repository, image.ManifestReference, cancellationToken)
            ?? throw new CosignException($"image {image} not found in the registry (MANIFEST_UNKNOWN)");
        return manifest.Digest;
    }

    /// <summary>
    /// Manifests that refer to <paramref name="digest"/> (OCI 1.1 referrers). Registries without the
    /// referrers API, like distribution 2.8, keep the list as an index at the fallback tag "sha256-&lt;hex&gt;".
    /// </summary>
    public async Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using (var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, "v2/" + repository + "/referrers/" + digest)
            {
                Headers = { { "Accept", OciIndex.MediaType } },
            },
            repository,
            push: false,
            cancellationToken))
        {
            var isIndex = response.Content.Headers.ContentType?.MediaType == OciIndex.MediaType;
            if (response.IsSuccessStatusCode && isIndex)
            {
                return OciIndex.Manifests(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            }
        }

        var fallback = await GetManifestAsync(repository, Digests.ReferrersFallbackTag(digest), cancellationToken);
        return fallback is null ? [] : OciIndex.Manifests(fallback.Content);
    }

    public async Task<byte[]> GetBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, "v2/" + repository + "/blobs/" + digest),
            repository,
            push: false,
            cancellationToken);
        await EnsureSuccessAsync(response, $"getting blob {digest} from {repository}", cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Uploads a blob unless the repository already has it (content addressing makes that safe).</summary>
    public async Task UploadBlobAsync(string repository, byte[] content, CancellationToken cancellationToken)
    {
        var digest = Digests.Sha256(content);
        using (var head = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Head, "v2/" + repository + "/blobs/" + digest),
            repository,
            push: true,
            cancellationToken))
        {
            if (head.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }

        Uri location;
        using (var start = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "v2/" + repository + "/blobs/uploads/"),
            repository,
            push: true,
            cancellationToken))
        {
            await EnsureSuccessAsync(start, $"starting blob upload to {repository}", cancellationToken);
            location = start.Headers.Location
                ?? throw new CosignException($"registry started an upload to {repository} without a Location header");
        }

        var uploadUri = UploadUri(await GetBaseUriAsync(cancellationToken), location, digest);
        using var put = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, uploadUri)
            {
                Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
            },
            repository,
            push: true,
            cancellationToken);
        await EnsureSuccessAsync(put, $"uploading blob {digest} to {repository}", cancellationToken);
    }

    /// <summary>
    /// The Location of an upload may be relative or absolute and may already carry a query string (state
    /// tokens); the digest parameter must be appended to it, not replace it.
    /// </summary>
    public static Uri UploadUri(Uri baseUri, Uri location, string digest)
    {
        var absolute = location.IsAbsoluteUri ? location : new Uri(baseUri, location);
        var text = absolute.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped);
        var separator = string.IsNullOrEmpty(absolute.Query) ? "?" : "&";
        return new Uri(text + separator + "digest=" + Uri.EscapeDataString(digest));
    }

    public async Task PutManifestAsync(string repository, string reference, byte[] content, string mediaType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, "v2/" + repository + "/manifests/" + reference)
            {
                Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
            },
            repository,
            push: true,
            cancellationToken);
        await EnsureSuccessAsync(response, $"pushing manifest {repository}:{reference}", cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, string repository, bool push, CancellationToken cancellationToken)
    {
        var baseUri = await GetBaseUriAsync(cancellationToken);
        var response = await SendOnceAsync(createRequest, baseUri, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = BearerChallenge.From(response.Headers);
        response.Dispose();
        if (challenge is null)
        {
            throw new CosignException($"registry {_registry} requires authentication; this tool only supports anonymous access");
        }

        await FetchAnonymousTokenAsync(challenge, "repository:" + repository + (push ? ":pull,push" : ":pull"), cancellationToken);
        var retried = await SendOnceAsync(createRequest, baseUri, cancellationToken);
        if (retried.StatusCode == HttpStatusCode.Unauthorized)
        {
            retried.Dispose();
            throw new CosignException($"registry {_registry} refused anonymous access to {repository}");
        }

        return retried;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, Uri baseUri, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        if (!request.RequestUri!.IsAbsoluteUri)
        {
            request.RequestUri = new Uri(baseUri, request.RequestUri);
        }

        request.Headers.Authorization = _authorization;
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CosignException($"cannot reach registry {_registry}: {ex.Message}", ex);
        }
    }

    private async Task FetchAnonymousTokenAsync(BearerChallenge challenge, string scope, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(challenge.TokenUri(scope), cancellationToken);
        await EnsureSuccessAsync(response, "getting an anonymous registry token", cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var root = document.RootElement;
        var token = root.TryGetProperty("token", out var t) ? t.GetString()
            : root.TryGetProperty("access_token", out var a) ? a.GetString()
            : null;
        _authorization = token is null
            ? throw new CosignException("the registry's token service returned no token")
            : new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// Picks http or https once per registry. Loopback registries are plain HTTP (as in go-containerregistry);
    /// others use HTTPS, falling back to HTTP only when insecure access was explicitly allowed.
    /// </summary>
    private async Task<Uri> GetBaseUriAsync(CancellationToken cancellationToken)
    {
        if (_baseUri is not null)
        {
            return _baseUri;
        }

        var https = new Uri("https://" + _registry + "/");
        var http = new Uri("http://" + _registry + "/");
        if (IsLoopback(_registry))
        {
            return _baseUri = http;
        }

        if (!_allowHttp)
        {
            return _baseUri = https;
        }

        try
        {
            using var ping = await _http.GetAsync(new Uri(https, "v2/"), cancellationToken);
            return _baseUri = https;
        }
        catch (HttpRequestException)
        {
            return _baseUri = http;
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken);
        throw new CosignException($"{what}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}{DescribeErrors(body)}");
    }

    /// <summary>Registries explain failures as {"errors":[{"code","message"}]}; show that rather than raw JSON.</summary>
    private static string DescribeErrors(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var sb = new StringBuilder();
                foreach (var error in errors.EnumerateArray())
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                    sb.Append(": ").Append(code).Append(' ').Append(message);
                }

                return sb.ToString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through and show a bit of the raw body.
        }

        return ": " + (body.Length > 300 ? body[..300] : body).Trim();
    }
}
