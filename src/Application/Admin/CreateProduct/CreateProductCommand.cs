namespace FakeShop.Application.Admin.CreateProduct;

public sealed record CreateProductCommand : ProductFields, ICommand<int>, IChangesCatalog
{
    /// <summary>A new product is on sale unless the admin says otherwise.</summary>
    public CreateProductCommand() => IsActive = true;

    public CreateProductCommand(ProductFields fields)
        : base(fields)
    {
    }
}
