namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Refuses a state-changing request that a browser says came from another site. Browsers mark every request with
/// Sec-Fetch-Site (and older ones with Origin), and a page on another site cannot forge either, so this stops
/// cross-site form posts without a per-visitor token. That matters for the two forms on the cached public pages
/// (add to cart, language), which cannot carry a personal antiforgery token (docs/decisions/0007). Every other form
/// keeps its antiforgery token as well; for them this is a second lock. A request with neither header does not
/// come from a browser, and cross-site request forgery needs a browser, so it passes.
/// </summary>
public sealed class CrossOriginProtectionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || IsSameOrigin(request) || IsSignedServerCall(request)
            // The friendly 403 page is a re-execution of the refused POST: refusing it again left the body empty.
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            return next(context);
        }

        // Answered with the shop's friendly 403 page by the status-code pages further in.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The Pix webhook is called by the payment provider's servers, not by a browser, and proves its origin with an
    /// HMAC of the body that no other site can compute; the browser headers say nothing about it either way (a
    /// provider's HTTP client may well send an Origin of its own). Only this one path is exempt, and only because it
    /// refuses every unsigned request itself.
    /// </summary>
    private static bool IsSignedServerCall(HttpRequest request) =>
        request.Path.Equals(FakeShop.Web.Payments.PixWebhookEndpoints.Path, StringComparison.OrdinalIgnoreCase);

    public static bool IsSameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0)
        {
            // "none" = typed in the address bar or a bookmark; "same-origin" = one of our own pages.
            return fetchSite.Count == 1 && (fetchSite[0] is "same-origin" or "none");
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        // Compared by host and port only: behind a TLS-terminating proxy the scheme we see may differ.
        return origin.Count == 1
            && Uri.TryCreate(origin[0], UriKind.Absolute, out var uri)
            && request.Host.HasValue
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
