using FakeShop.Application.Common.Abstractions;
using Mediator;

namespace FakeShop.Application.Admin.UpdateProduct;

/// <param name="Version">The version the admin saw when the form was rendered.</param>
public sealed record UpdateProductCommand : ICommand<AdminResult>, IChangesCatalog, IProductFields
{
    public int Id { get; init; }

    public int Version { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? Slug { get; init; }

    public string? ShortDescription { get; init; }

    public string? Description { get; init; }

    public decimal Price { get; init; }

    public int Stock { get; init; }

    public int CategoryId { get; init; }

    public bool IsActive { get; init; }
}
