namespace FakeShop.Application.Admin.UpdateProduct;

/// <param name="Version">The version the admin saw when the form was rendered.</param>
public sealed record UpdateProductCommand : ProductFields, ICommand, IChangesCatalog
{
    public UpdateProductCommand()
    {
    }

    public UpdateProductCommand(ProductFields fields)
        : base(fields)
    {
    }

    public int Id { get; init; }

    public int Version { get; init; }

    /// <summary>
    /// The stock the form showed. Sales do not bump <see cref="Version"/>, so the stock is guarded on its own: it is
    /// written only when the admin changed it, and only if it is still what they saw.
    /// </summary>
    public int StockShown { get; init; }
}
