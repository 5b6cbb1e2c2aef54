namespace FakeShop.Domain.Common;

/// <summary>How many units of one product a customer buys in one line: 1 to 99.</summary>
public readonly record struct Quantity
{
    public const int Min = 1;
    public const int Max = 99;

    public Quantity(int value)
    {
        if (value is < Min or > Max)
        {
            throw new DomainException("quantity.range", $"Quantity must be between {Min} and {Max}.");
        }

        Value = value;
    }

    public int Value { get; }

    public static bool IsValid(int value) => value is >= Min and <= Max;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
