using System.Text.Json;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Application.Payments.ConfirmPixPayment;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Common;
using FluentValidation;

namespace FakeShop.Web.Payments;

/// <summary>
/// <c>POST /payments/pix/webhook</c>: the Pix provider says a charge was paid. Server to server: no cookie, no
/// antiforgery token, no browser headers; what proves the sender is the HMAC signature of the raw body
/// (<see cref="PixWebhookSignature"/>). Answers: 200 paid; 401 bad or missing signature; 409 a replay (event already
/// applied, or signed outside the tolerance) or an order no longer awaiting payment; 404 unknown charge; 422 wrong
/// amount; 400 unreadable body. Every refusal is logged and changes nothing.
/// </summary>
public static partial class PixWebhookEndpoints
{
    public const string Path = "/payments/pix/webhook";

    /// <summary>An event is a few hundred bytes; anything much larger is not one, and is not read into memory.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapPixWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>The body a provider posts (and the Development simulation signs).</summary>
    public sealed record PixPaidEvent(string EventId, string TxId, string Amount);

    private static async Task<IResult> HandleAsync(HttpContext http, IMediator mediator, IOptions<PixOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return Results.NotFound();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        var (status, reason) = await ProcessAsync(buffer.ToArray(), http.Request.Headers[PixWebhookSignature.HeaderName].ToString(), options.Value, mediator, loggers.CreateLogger(typeof(PixWebhookEndpoints)), ct);
        // A short word in the body: the provider's delivery log shows why, and the status-code pages leave it alone.
        return Results.Text(reason, "text/plain", statusCode: status);
    }

    /// <summary>Verifies and applies one delivery; shared by the endpoint and Development's simulated payment.</summary>
    public static async Task<(int Status, string Reason)> ProcessAsync(byte[] body, string? signature, PixOptions options, IMediator mediator, ILogger logger, CancellationToken ct)
    {
        if (!PixWebhookSignature.TryVerify(options.WebhookSecret!, body, signature, out var signedAt))
        {
            LogRefused(logger, "bad_signature", null, null);
            return (StatusCodes.Status401Unauthorized, "bad_signature");
        }

        PixPaidEvent? paid;
        try
        {
            paid = JsonSerializer.Deserialize<PixPaidEvent>(body, Json);
        }
        catch (JsonException)
        {
            paid = null;
        }

        if (paid is null || paid.EventId is null || paid.TxId is null
            || !decimal.TryParse(paid.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            LogRefused(logger, "malformed", null, null);
            return (StatusCodes.Status400BadRequest, "malformed");
        }

        (int Status, string Reason) answer;
        try
        {
            await mediator.Send(new ConfirmPixPaymentCommand(paid.EventId, paid.TxId, amount, signedAt), ct);
            answer = (StatusCodes.Status200OK, "paid");
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            answer = refusal;
        }

        if (answer.Status == StatusCodes.Status200OK)
        {
            LogPaid(logger, paid.EventId, paid.TxId);
        }
        else
        {
            LogRefused(logger, answer.Reason, paid.EventId, paid.TxId);
        }

        return answer;
    }

    /// <summary>
    /// The provider's protocol for the use case's refusals (docs/decisions/0017): pages show a sentence, a
    /// webhook answers a status and a short word. Null for a bug or an outage, which stays a 500 the provider retries.
    /// </summary>
    private static (int Status, string Reason)? Refusal(Exception ex) => ex switch
    {
        ValidationException => (StatusCodes.Status400BadRequest, "malformed"),
        NotFoundException => (StatusCodes.Status404NotFound, "unknown_charge"),
        ConflictException { Code: PixRefusals.Replayed } => (StatusCodes.Status409Conflict, "replayed"),
        DomainException { Code: PixRefusals.NotAwaitingPayment } => (StatusCodes.Status409Conflict, "not_awaiting_payment"),
        DomainException { Code: PixRefusals.AmountMismatch } => (StatusCodes.Status422UnprocessableEntity, "amount_mismatch"),
        _ => null,
    };

    /// <summary>
    /// Development's "simulate payment": what the provider does when the payer pays. The fake gateway marks its
    /// charge paid, and the event is signed with the configured secret and goes through the very verification a
    /// real delivery does (signature, time, replay, amount), only without a network hop.
    /// </summary>
    public static Task<(int Status, string Reason)> SimulatePaymentAsync(string txId, decimal amount, PixOptions options, IMediator mediator, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new PixPaidEvent("sim-" + Guid.NewGuid().ToString("N"), txId, amount.ToString("0.00", CultureInfo.InvariantCulture)), Json);
        return ProcessAsync(body, PixWebhookSignature.Compute(options.WebhookSecret!, clock.GetUtcNow(), body), options, mediator, logger, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pix webhook: event {EventId} paid charge {TxId}")]
    private static partial void LogPaid(ILogger logger, string eventId, string txId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pix webhook refused ({Reason}): event {EventId}, charge {TxId}")]
    private static partial void LogRefused(ILogger logger, string reason, string? eventId, string? txId);
}
