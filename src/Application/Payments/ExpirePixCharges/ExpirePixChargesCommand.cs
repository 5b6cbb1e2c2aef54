namespace FakeShop.Application.Payments.ExpirePixCharges;

/// <summary>
/// Settles Pix orders whose deadline has passed: unpaid ones fail and give their stock back; one the provider
/// reports paid (its webhook was lost) is marked paid. Returns how many orders were settled.
/// Not <see cref="IChangesCatalog"/>: it runs every few seconds and usually settles nothing, and a signal on every run
/// would keep the page cache empty. The handler tells the observers itself, only when stock went back.
/// </summary>
public sealed record ExpirePixChargesCommand(int BatchSize = 100) : ICommand<int>;
