using FakeShop.Application.Common.Abstractions;
using Mediator;

namespace FakeShop.Application.Payments.ExpirePixCharges;

/// <summary>
/// Settles Pix orders whose deadline has passed: unpaid ones fail and give their stock back; one the provider
/// reports paid (its webhook was lost) is marked paid. Returns how many orders were settled.
/// </summary>
public sealed record ExpirePixChargesCommand(int BatchSize = 100) : ICommand<int>, IChangesCatalog;
