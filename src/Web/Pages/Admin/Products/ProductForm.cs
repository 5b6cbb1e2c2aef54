namespace FakeShop.Web.Pages.Admin.Products;

/// <summary>
/// What the product form posts. Price is text because it is read in the admin's culture, refusing ambiguous input (see PriceInput); IsActive
/// defaults to false because an unchecked checkbox sends nothing at all.
/// </summary>
public sealed class ProductForm
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? ShortDescription { get; set; }

    public string? Description { get; set; }

    public string? Price { get; set; }

    /// <summary>
    /// An optional new picture, posted with the other fields so choosing one never loses what was typed (issue 13).
    /// A browser cannot be given the file back, so a refused form asks for it again.
    /// </summary>
    public IFormFile? Image { get; set; }

    public int Stock { get; set; }

    public int CategoryId { get; set; }

    public bool IsActive { get; set; }

    /// <summary>The product's version when the form was rendered: the optimistic concurrency check.</summary>
    public int Version { get; set; }

    /// <summary>The stock the edit form showed: a changed stock is saved only if it is still this (issue 12).</summary>
    public int StockShown { get; set; }
}
