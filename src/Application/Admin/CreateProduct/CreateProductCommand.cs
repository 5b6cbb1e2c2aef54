namespace FakeShop.Application.Admin.CreateProduct;

public sealed record CreateProductCommand : ICommand<int>, IChangesCatalog, IProductFields
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Empty means "derive from the name".</summary>
    public string? Slug { get; init; }

    public string? ShortDescription { get; init; }

    public string? Description { get; init; }

    public decimal Price { get; init; }

    public int Stock { get; init; }

    public int CategoryId { get; init; }

    public bool IsActive { get; init; } = true;
}
