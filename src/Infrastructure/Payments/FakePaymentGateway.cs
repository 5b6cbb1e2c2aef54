using System.Collections.Concurrent;
using System.Security.Cryptography;
using FakeShop.Application.Payments;
using FakeShop.Domain.Ordering;
using Microsoft.Extensions.Options;

namespace FakeShop.Infrastructure.Payments;

/// <summary>
/// A stand-in payment provider with documented test cards (see README "Test cards"):
/// 4000 0000 0000 0002 is declined, 4000 0000 0000 0119 fails technically, any other Luhn-valid number is approved.
/// Like a real gateway it answers with an authorization id, takes <see cref="FakePaymentGatewayOptions.LatencyMs"/>
/// to answer, and remembers its answer per idempotency key: the same key again gets the same answer without a second
/// authorization. It keeps no card data. The memory is per process, which is what a test or a single demo needs.
/// </summary>
public sealed class FakePaymentGateway(IOptionsMonitor<FakePaymentGatewayOptions> options) : IPaymentGateway
{
    public const string DeclinedCard = "4000000000000002";
    public const string FailingCard = "4000000000000119";
    public const string ApprovedCard = "4111111111111111";

    private readonly ConcurrentDictionary<string, Lazy<Task<PaymentResult>>> _answers = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _authorizations;

    /// <summary>Authorizations actually performed (a repeated idempotency key does not count).</summary>
    public int Authorizations => Volatile.Read(ref _authorizations);

    /// <summary>The most authorizations that were in progress at the same moment.</summary>
    public int MaxConcurrentAuthorizations => Volatile.Read(ref _maxInFlight);

    public async Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        // One answer per key, even for two calls at the same moment: the second waits for the first one's answer.
        var answer = _answers.GetOrAdd(request.IdempotencyKey, _ => new Lazy<Task<PaymentResult>>(() => AuthorizeOnceAsync(request, cancellationToken)));
        try
        {
            return await answer.Value.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller stopped waiting before an answer: like a request that never completed, nothing is kept.
            _answers.TryRemove(new KeyValuePair<string, Lazy<Task<PaymentResult>>>(request.IdempotencyKey, answer));
            throw;
        }
    }

    public async Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!_answers.TryGetValue(idempotencyKey, out var answer) || !answer.Value.IsCompletedSuccessfully)
        {
            return null;
        }

        return await answer.Value;
    }

    private async Task<PaymentResult> AuthorizeOnceAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            var max = Volatile.Read(ref _maxInFlight);
            while (inFlight > max && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
            {
                max = Volatile.Read(ref _maxInFlight);
            }

            var settings = options.CurrentValue;
            if (settings.LatencyMs > 0)
            {
                await Task.Delay(settings.LatencyMs, cancellationToken);
            }

            Interlocked.Increment(ref _authorizations);
            return Decide(request, settings.FailureRate);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static PaymentResult Decide(PaymentRequest request, double failureRate)
    {
        var digits = CardBrand.Normalize(request.CardNumber);
        var brand = CardBrand.Detect(digits);
        var last4 = digits.Length >= 4 ? digits[^4..] : "0000";
        return digits switch
        {
            DeclinedCard => PaymentResult.Declined(brand, last4, "insufficient_funds"),
            FailingCard => PaymentResult.Failed(brand, last4, "processor_unavailable"),
            _ when !CardBrand.PassesLuhn(digits) => PaymentResult.Declined(brand, last4, "invalid_number"),
            // Not a secret, just a coin: which request fails under a configured failure rate.
#pragma warning disable CA5394
            _ when failureRate > 0 && Random.Shared.NextDouble() < failureRate => PaymentResult.Failed(brand, last4, "processor_unavailable"),
#pragma warning restore CA5394
            _ => PaymentResult.Approved("AUTH-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), brand, last4),
        };
    }
}
