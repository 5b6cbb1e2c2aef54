namespace FakeShop.Domain.Ordering;

/// <summary>
/// Stored by name. New values are appended so that the numbers of the existing ones never change.
/// <see cref="Placed"/> is the state of orders taken before payment moved out of the stock transaction (their card
/// was authorised while the stock was taken); orders placed since start in <see cref="AwaitingPayment"/>.
/// </summary>
public enum OrderStatus
{
    Placed = 0,
    Paid = 1,
    Shipped = 2,
    Delivered = 3,
    Cancelled = 4,

    /// <summary>Stock is reserved and the payment has been asked for; the answer has not been recorded yet.</summary>
    AwaitingPayment = 5,

    /// <summary>The payment was declined, failed, timed out or never came: the reservation has been released.</summary>
    PaymentFailed = 6,
}
