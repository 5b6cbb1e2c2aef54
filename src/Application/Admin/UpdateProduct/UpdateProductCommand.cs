namespace FakeShop.Application.Admin.UpdateProduct;

/// <param name="Version">The version the admin saw when the form was rendered.</param>
public sealed record UpdateProductCommand : ICommand, IChangesCatalog, IProductFields
{
    public int Id { get; init; }

    public int Version { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? Slug { get; init; }

    public string? ShortDescription { get; init; }

    public string? Description { get; init; }

    public decimal Price { get; init; }

    public int Stock { get; init; }

    /// <summary>
    /// The stock the form showed. Sales do not bump <see cref="Version"/>, so the stock is guarded on its own: it is
    /// written only when the admin changed it, and only if it is still what they saw.
    /// </summary>
    public int StockShown { get; init; }

    public int CategoryId { get; init; }

    public bool IsActive { get; init; }
}
