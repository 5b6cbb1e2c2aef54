namespace FakeShop.Domain.Carts;

/// <summary>
/// Why <see cref="Cart.AddItem"/> refuses an add, as a number: the add-to-cart SQL computes the same rule
/// (<see cref="Cart.CheckAdd"/>) in the database and returns this code, which <see cref="Cart.Refusal"/> turns into the
/// domain's exception. The values appear in SQL text, so they must not change.
/// </summary>
public enum CartRefusal
{
    None = 0,
    LineMax = 1,
    SoldOut = 2,
    NotEnoughStock = 3,
    TooManyLines = 4,
}
