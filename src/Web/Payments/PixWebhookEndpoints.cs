using System.Globalization;
using System.Text.Json;
using FakeShop.Application.Payments.ConfirmPixPayment;
using FakeShop.Application.Payments.Pix;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

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

        ConfirmPixPaymentOutcome outcome;
        try
        {
            outcome = await mediator.Send(new ConfirmPixPaymentCommand(paid.EventId, paid.TxId, amount, signedAt), ct);
        }
        catch (ValidationException)
        {
            LogRefused(logger, "malformed", paid.EventId, paid.TxId);
            return (StatusCodes.Status400BadRequest, "malformed");
        }

        var answer = outcome switch
        {
            ConfirmPixPaymentOutcome.Paid => (StatusCodes.Status200OK, "paid"),
            ConfirmPixPaymentOutcome.UnknownCharge => (StatusCodes.Status404NotFound, "unknown_charge"),
            ConfirmPixPaymentOutcome.Replayed => (StatusCodes.Status409Conflict, "replayed"),
            ConfirmPixPaymentOutcome.NotAwaitingPayment => (StatusCodes.Status409Conflict, "not_awaiting_payment"),
            ConfirmPixPaymentOutcome.AmountMismatch => (StatusCodes.Status422UnprocessableEntity, "amount_mismatch"),
            _ => (StatusCodes.Status500InternalServerError, "unexpected"),
        };
        if (outcome == ConfirmPixPaymentOutcome.Paid)
        {
            LogPaid(logger, paid.EventId, paid.TxId);
        }
        else
        {
            LogRefused(logger, answer.Item2, paid.EventId, paid.TxId);
        }

        return answer;
    }

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
