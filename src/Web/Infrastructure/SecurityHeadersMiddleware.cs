namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Headers every response carries. The CSP allows no inline script or style at all: the pages are built so that
/// nothing needs it, and an injected payload cannot run even if an encoding bug slipped through.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // Set as the response starts, after any error handler has cleared the headers; a static callback with the
        // context as state, so the hot path (cached pages) allocates nothing here.
        context.Response.OnStarting(SetHeaders, context);
        return next(context);
    }

    private static Task SetHeaders(object state)
    {
        Apply(((HttpContext)state).Response.Headers);
        return Task.CompletedTask;
    }

    /// <summary>Sets the headers now; also used by a prepared page's answer, which is written before this middleware runs.</summary>
    internal static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
