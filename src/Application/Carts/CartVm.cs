namespace FakeShop.Application.Carts;

public sealed record CartVm(IReadOnlyList<CartLineVm> Lines, Money Subtotal, Money Shipping, Money Total)
{
    public static CartVm Empty { get; } = new([], Money.Zero, Money.Zero, Money.Zero);

    public int ItemCount => Lines.Sum(l => l.Quantity);

    public bool IsEmpty => Lines.Count == 0;

    /// <summary>True when every line can be bought as it stands.</summary>
    public bool CanCheckout => !IsEmpty && Lines.All(l => l.IsPurchasable);

    public bool HasPriceChanges => Lines.Any(l => l.PriceChanged);
}

public sealed record CartLineVm(
    int LineId,
    int ProductId,
    string Name,
    string Slug,
    string? ImageUrl,
    Money UnitPrice,
    Money PreviousPrice,
    int Quantity,
    int Available,
    bool IsActive)
{
    public Money LineTotal => UnitPrice * Quantity;

    public bool PriceChanged => PreviousPrice != UnitPrice;

    public bool IsUnavailable => !IsActive || Available <= 0;

    public bool ExceedsStock => !IsUnavailable && Quantity > Available;

    public bool IsPurchasable => !IsUnavailable && !ExceedsStock;

    public int MaxOrderable => Math.Min(Math.Max(Available, 1), Domain.Common.Quantity.Max);
}
