namespace FakeShop.Application.Admin.DeleteProduct;

public sealed record DeleteProductCommand(int ProductId) : ICommand, IChangesCatalog;
