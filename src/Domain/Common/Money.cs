using System.Globalization;

namespace FakeShop.Domain.Common;

/// <summary>
/// An amount of Brazilian reais. The shop sells in one currency only, so the currency is implied rather than stored;
/// amounts are always rounded to centavos so that sums of lines equal the order total exactly.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const string CurrencyCode = "BRL";

    public Money(decimal amount)
    {
        if (amount < 0)
        {
            throw new DomainException("money.negative", "An amount of money cannot be negative.");
        }

        if (amount > MaxAmount)
        {
            throw new DomainException("money.too_large", "The amount is larger than the shop accepts.");
        }

        Amount = decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Upper bound that keeps every amount inside numeric(12,2) columns.</summary>
    public const decimal MaxAmount = 9_999_999_999.99m;

    public decimal Amount { get; }

    public static Money Zero => new(0m);

    public static Money Brl(decimal amount) => new(amount);

    /// <summary>Whole centavos, used where a store cannot compare decimals (SQLite keeps them as integers).</summary>
    public long Cents => decimal.ToInt64(Amount * 100m);

    public static Money FromCents(long cents) => new(cents / 100m);

    public bool IsZero => Amount == 0m;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount);

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount);

    public static Money operator *(Money price, int quantity) => quantity < 0
        ? throw new DomainException("money.negative_quantity", "A quantity cannot be negative.")
        : new(price.Amount * quantity);

    public static bool operator <(Money left, Money right) => left.Amount < right.Amount;

    public static bool operator >(Money left, Money right) => left.Amount > right.Amount;

    public static bool operator <=(Money left, Money right) => left.Amount <= right.Amount;

    public static bool operator >=(Money left, Money right) => left.Amount >= right.Amount;

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    /// <summary>Invariant representation for logs and CSV: "1234.50 BRL".</summary>
    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + CurrencyCode;
}
