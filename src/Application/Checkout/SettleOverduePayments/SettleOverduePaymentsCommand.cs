namespace FakeShop.Application.Checkout.SettleOverduePayments;

/// <summary>
/// Settles orders still awaiting payment after their reservation ran out (the request that placed them died before
/// recording the gateway's answer). Sent by the payment sweeper every <c>Payments:SweepIntervalSeconds</c>. Released
/// units change what the catalogue shows, hence <see cref="IChangesCatalog"/>.
/// </summary>
public sealed record SettleOverduePaymentsCommand(int MaxOrders = 100) : ICommand<SettleOverduePaymentsResult>, IChangesCatalog;

/// <param name="Paid">Orders the gateway had approved: now Paid.</param>
/// <param name="Released">Orders without an approval: now PaymentFailed, their stock returned.</param>
public sealed record SettleOverduePaymentsResult(int Paid, int Released);
