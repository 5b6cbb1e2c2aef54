namespace FakeShop.Application.Carts;

/// <summary>Flat shipping like the original shop (R$ 10,00), with an optional free-shipping threshold.</summary>
public sealed class ShippingOptions
{
    public const string SectionName = "Shipping";

    public decimal FlatRate { get; set; } = 10.00m;

    /// <summary>Subtotal from which shipping is free; null means never.</summary>
    public decimal? FreeFrom { get; set; }

    public Money For(Money subtotal) =>
        subtotal.IsZero || (FreeFrom is { } threshold && subtotal.Amount >= threshold) ? Money.Zero : Money.Brl(FlatRate);
}
