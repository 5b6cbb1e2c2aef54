namespace FakeShop.Application.Admin.DeleteCategory;

public sealed record DeleteCategoryCommand(int Id) : ICommand, IChangesCatalog;
