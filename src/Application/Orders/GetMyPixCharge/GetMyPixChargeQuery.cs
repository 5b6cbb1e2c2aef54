namespace FakeShop.Application.Orders.GetMyPixCharge;

/// <summary>The Pix charge of one of this visitor's orders; null for a card order or another visitor's order.</summary>
public sealed record GetMyPixChargeQuery(Guid VisitorId, string Number) : IQuery<PixChargeVm?>;

/// <summary>
/// What the order page shows for Pix. <see cref="BrCode"/> is null while the provider has not answered yet (the
/// order was written first); <see cref="ExpiresAt"/> is the order's payment deadline.
/// </summary>
public sealed record PixChargeVm(string? TxId, string? BrCode, DateTimeOffset ExpiresAt, bool AwaitingPayment);
