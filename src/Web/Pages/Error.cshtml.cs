using System.Diagnostics;

namespace FakeShop.Web.Pages;

/// <summary>Shown for unhandled exceptions: a friendly sentence and a request id for support, never a stack trace.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    public bool IsUnavailable => Response.StatusCode == StatusCodes.Status503ServiceUnavailable;

    /// <summary>Long enough for a pool queue or a restarting database to clear, short enough that nobody gives up.</summary>
    public const int RetryAfterSeconds = 5;

    public void OnGet()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (IsUnavailable)
        {
            // The database is down or no pooled connection was free within Npgsql's Timeout: both pass; say when to retry.
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public void OnPost() => OnGet();
}
