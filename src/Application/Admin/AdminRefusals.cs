namespace FakeShop.Application.Admin;

/// <summary>
/// The rules the back office enforces beyond the entities' own, as <see cref="DomainException"/> codes the web layer
/// words (docs/decisions/0017).
/// </summary>
public static class AdminRefusals
{
    public const string SlugTaken = "slug.taken";

    /// <summary>The product appears in orders: it can be hidden, not deleted.</summary>
    public const string ProductInUse = "product.in_use";

    /// <summary>The category still has products.</summary>
    public const string CategoryInUse = "category.in_use";

    public static DomainException TakenSlug() => new(SlugTaken, "That slug is already in use.");
}
