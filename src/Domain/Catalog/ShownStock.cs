using FakeShop.Domain.Common;

namespace FakeShop.Domain.Catalog;

/// <summary>
/// What the public catalogue pages say about a product's stock (docs/decisions/0025): the exact count up to the most
/// one cart line may hold, "more than that" above it, "sold out" at zero. A stock change that keeps the level changes
/// no page, so it need not empty any replica's page cache; the database trigger on <c>products</c> applies the same
/// rule (migration ShownStockNotifications), so the two must change together.
/// </summary>
public static class ShownStock
{
    /// <summary>Counts up to this are shown exactly (it is also the quantity field's maximum on the product page).</summary>
    public const int ExactUpTo = Quantity.Max;

    /// <summary>The level the pages show: the count itself up to <see cref="ExactUpTo"/>, one more for anything above.</summary>
    public static int Level(int stock) => Math.Min(stock, ExactUpTo + 1);

    /// <summary>True when going from <paramref name="before"/> to <paramref name="after"/> units changes what a page shows.</summary>
    public static bool Changes(int before, int after) => Level(before) != Level(after);
}
