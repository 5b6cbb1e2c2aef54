namespace FakeShop.Application.Admin;

/// <summary>
/// The editable fields shared by create and edit, declared once: one set of validation rules covers both commands
/// and the admin form fills both the same way.
/// </summary>
public record ProductFields
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Empty means "derive from the name".</summary>
    public string? Slug { get; init; }

    public string? ShortDescription { get; init; }

    public string? Description { get; init; }

    public decimal Price { get; init; }

    public int Stock { get; init; }

    public int CategoryId { get; init; }

    public bool IsActive { get; init; }
}
