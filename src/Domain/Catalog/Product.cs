using FakeShop.Domain.Common;

namespace FakeShop.Domain.Catalog;

/// <summary>
/// A product on sale. Price and stock rules live here so that the admin screens, the seed and checkout cannot
/// disagree about them.
/// </summary>
public class Product
{
    public const int NameMaxLength = 120;
    public const int ShortDescriptionMaxLength = 300;
    public const int DescriptionMaxLength = 4000;
    public const int ImageUrlMaxLength = 300;
    public const int MaxStock = 1_000_000;

    private Product()
    {
        Name = string.Empty;
        Slug = string.Empty;
        ShortDescription = string.Empty;
        Description = string.Empty;
    }

    public Product(
        string name,
        string? slug,
        string shortDescription,
        string description,
        Money price,
        int stock,
        int categoryId,
        DateTimeOffset now)
    {
        Name = Guard.RequiredText(name, "name", NameMaxLength);
        Slug = Catalog.Slug.Require(slug ?? Catalog.Slug.From(Name));
        ShortDescription = Guard.OptionalText(shortDescription, "short_description", ShortDescriptionMaxLength);
        Description = Guard.OptionalText(description, "description", DescriptionMaxLength);
        Price = RequirePositive(price);
        Stock = RequireStock(stock);
        CategoryId = categoryId;
        IsActive = true;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public string ShortDescription { get; private set; }

    public string Description { get; private set; }

    public Money Price { get; private set; }

    public int Stock { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Public path of the picture: a bundled illustration or an uploaded image served by the app.</summary>
    public string? ImageUrl { get; private set; }

    public int CategoryId { get; private set; }

    public Category? Category { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Bumped on every change; the store uses it as an optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public bool IsAvailable => IsActive && Stock > 0;

    public void UpdateDetails(string name, string slug, string shortDescription, string description, int categoryId, DateTimeOffset now)
    {
        Name = Guard.RequiredText(name, "name", NameMaxLength);
        Slug = Catalog.Slug.Require(slug);
        ShortDescription = Guard.OptionalText(shortDescription, "short_description", ShortDescriptionMaxLength);
        Description = Guard.OptionalText(description, "description", DescriptionMaxLength);
        CategoryId = categoryId;
        Touch(now);
    }

    public void ChangePrice(Money price, DateTimeOffset now)
    {
        Price = RequirePositive(price);
        Touch(now);
    }

    public void SetStock(int stock, DateTimeOffset now)
    {
        Stock = RequireStock(stock);
        Touch(now);
    }

    public void AdjustStock(int delta, DateTimeOffset now) => SetStock(Stock + delta, now);

    public void SetImage(string? imageUrl, DateTimeOffset now)
    {
        ImageUrl = imageUrl is null ? null : Guard.RequiredText(imageUrl, "image_url", ImageUrlMaxLength);
        Touch(now);
    }

    public void Hide(DateTimeOffset now)
    {
        IsActive = false;
        Touch(now);
    }

    public void Show(DateTimeOffset now)
    {
        IsActive = true;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    private static Money RequirePositive(Money price) => price.IsZero
        ? throw new DomainException("price.not_positive", "Price must be greater than zero.")
        : price;

    private static int RequireStock(int stock) => stock switch
    {
        < 0 => throw new DomainException("stock.negative", "Stock cannot be negative."),
        > MaxStock => throw new DomainException("stock.too_large", $"Stock cannot exceed {MaxStock}."),
        _ => stock,
    };
}
