namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>
/// The checkout form. <see cref="CheckoutToken"/> is the idempotency key rendered into the form: submitting the same
/// form twice yields the same single order.
/// </summary>
public sealed record PlaceOrderCommand : ICommand<PlaceOrderResult>, IChangesCatalog
{
    public Guid VisitorId { get; init; }

    public Guid CheckoutToken { get; init; }

    public string FirstName { get; init; } = string.Empty;

    public string LastName { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public string Phone { get; init; } = string.Empty;

    /// <summary>The CPF as typed (with or without dots and hyphen); kept with the order for the invoice.</summary>
    public string Cpf { get; init; } = string.Empty;

    public string Cep { get; init; } = string.Empty;

    public string Street { get; init; } = string.Empty;

    public string Number { get; init; } = string.Empty;

    public string? Complement { get; init; }

    public string District { get; init; } = string.Empty;

    public string City { get; init; } = string.Empty;

    /// <summary>The state's two-letter code, e.g. SP.</summary>
    public string Uf { get; init; } = string.Empty;

    /// <summary>Card (answered at once) or Pix (paid later in the payer's bank app; the card fields stay empty).</summary>
    public PaymentMethod PaymentMethod { get; init; } = PaymentMethod.Card;

    public string CardHolder { get; init; } = string.Empty;

    public string CardNumber { get; init; } = string.Empty;

    /// <summary>MM/YY as printed on the card.</summary>
    public string CardExpiry { get; init; } = string.Empty;

    public string Cvv { get; init; } = string.Empty;

    /// <summary>Card number, CVV and CPF must never reach a log line through the record's generated ToString.</summary>
    public override string ToString() => $"PlaceOrderCommand {{ CheckoutToken = {CheckoutToken} }}";
}
