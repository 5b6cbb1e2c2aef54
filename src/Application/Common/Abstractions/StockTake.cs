namespace FakeShop.Application.Common.Abstractions;

/// <summary>Units of one product an order takes from stock.</summary>
public readonly record struct StockTake(int ProductId, int Quantity);

/// <summary>
/// What <see cref="IShopDbContext.PlaceOrderAndCommitDurablyAsync"/> did: committed, with the units left after each
/// take (same order as the takes); or nothing committed because the take at <see cref="ShortAt"/> found too few units.
/// </summary>
public sealed record StockTakes(IReadOnlyList<int> Left, int? ShortAt);
