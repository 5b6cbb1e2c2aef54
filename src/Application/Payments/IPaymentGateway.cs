namespace FakeShop.Application.Payments;

/// <summary>
/// Authorizes a card payment. The card data passes through in memory only; what comes back is all the shop keeps.
/// Every call carries an idempotency key (the checkout token): the same key twice is one authorization, and the
/// gateway can be asked later what it answered for it.
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// What the gateway answered for <paramref name="idempotencyKey"/>; null when it never completed a request with
    /// that key (it never arrived, or the shop stopped waiting before the gateway answered).
    /// </summary>
    Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken);
}
