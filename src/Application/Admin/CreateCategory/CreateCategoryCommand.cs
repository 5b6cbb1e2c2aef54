namespace FakeShop.Application.Admin.CreateCategory;

public sealed record CreateCategoryCommand(string Name, string? Slug = null) : ICommand<int>, IChangesCatalog;
