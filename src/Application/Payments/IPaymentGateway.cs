namespace FakeShop.Application.Payments;

/// <summary>
/// Authorizes a card payment. The card data passes through in memory only; what comes back is all the shop keeps.
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentResult> AuthorizeAsync(PaymentRequest request, CancellationToken cancellationToken);
}
