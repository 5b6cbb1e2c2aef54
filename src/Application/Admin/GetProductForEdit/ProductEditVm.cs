namespace FakeShop.Application.Admin.GetProductForEdit;

/// <param name="Version">Goes into the form as a hidden field: the save is refused if the product changed since.</param>
/// <param name="IsOrdered">True when an order line references the product, so it can be hidden but not deleted.</param>
public sealed record ProductEditVm(
    int Id,
    string Name,
    string Slug,
    string ShortDescription,
    string Description,
    Money Price,
    int Stock,
    int CategoryId,
    bool IsActive,
    string? ImageUrl,
    int Version,
    bool IsOrdered);
