using Microsoft.AspNetCore.Diagnostics;

namespace FakeShop.Web.Pages;

/// <summary>Friendly pages for 4xx/5xx status codes produced without an exception (404, 400, 403, 429 ...).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>From the Retry-After the rate limiter set on the rejected response (whole seconds), if any.</summary>
    public int? RetryAfterSeconds { get; private set; }

    /// <summary>The address that was refused, to try again: only for a throttled GET, which is safe to repeat.</summary>
    public string? RetryUrl { get; private set; }

    public void OnGet(int code) => Read(code);

    public void OnPost(int code) => Read(code);

    private void Read(int code)
    {
        Code = code;
        if (code != StatusCodes.Status429TooManyRequests)
        {
            return;
        }

        if (int.TryParse(Response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            RetryAfterSeconds = seconds;
        }

        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        if (original is not null && HttpMethods.IsGet(Request.Method))
        {
            RetryUrl = LocalUrls.Safe(original.OriginalPathBase + original.OriginalPath + original.OriginalQueryString, "/");
        }
    }
}
