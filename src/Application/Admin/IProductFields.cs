namespace FakeShop.Application.Admin;

/// <summary>The editable fields shared by create and edit, so one set of validation rules covers both.</summary>
public interface IProductFields
{
    string Name { get; }

    string? Slug { get; }

    string? ShortDescription { get; }

    string? Description { get; }

    decimal Price { get; }

    int Stock { get; }

    int CategoryId { get; }

    bool IsActive { get; }
}
