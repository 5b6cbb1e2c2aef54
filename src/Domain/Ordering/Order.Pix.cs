using FakeShop.Domain.Common;

namespace FakeShop.Domain.Ordering;

/// <summary>
/// Pix on the order: placed AwaitingPayment like a card order, but the answer comes later, by webhook, before
/// <see cref="PaymentDueAt"/> (the charge's expiry) or never; see docs/decisions/0014-pix-payments.md.
/// </summary>
public partial class Order
{
    /// <summary>The Pix charge; null for card orders, and for a Pix order until the provider has created it.</summary>
    public PixPayment? Pix { get; private set; }

    public void AttachPixCharge(PixPayment charge)
    {
        if (PaymentMethod != PaymentMethod.Pix)
        {
            throw new DomainException("order.not_pix", "Only an order paid by Pix has a Pix charge.");
        }

        if (Pix is not null)
        {
            throw new DomainException("order.pix_charge_exists", "The order already has its Pix charge.");
        }

        Pix = charge;
    }

    /// <summary>The provider said the charge was paid (a signed webhook event).</summary>
    public void ConfirmPixPayment(string eventId, DateTimeOffset now)
    {
        if (Pix is null)
        {
            throw new DomainException("order.not_pix", "The order has no Pix charge.");
        }

        MoveTo(OrderStatus.Paid, "pix", now);
        Pix = Pix.PaidBy(eventId);
    }
}
